//! Words Taiwan and the mainland write differently (`軟體` and `软件`,
//! `資料庫` and `数据库`), for the browser to search each query also in
//! the other's words.
//!
//! Folding characters ([`super::normalize`]) makes `發佈` and `发布` one
//! token, but these are other characters, not other forms of the same
//! ones. They are not folded into the index: in a text, `快取` may be
//! the end of one word and the start of the next (`尽快取消`), and
//! rewriting it there would lose `取消`. The browser runs a query as
//! written and as each side would write it, and shows what any of them
//! finds, so a query finds all it found before and the pages that use
//! the other word. Only words with one meaning on both sides are listed:
//! `資料` (data, and on the mainland "material"), `影片` (video, and on the
//! mainland "film"), `文件` (a document in Taiwan, a file on the
//! mainland), `推論` (inference, and on the mainland a deduction),
//! `即時`, `介面`, `憑證`, `效能`, `支援` and `預設` are not.

/// Taiwan's word, then the mainland's, as each writes it.
const WORDS: [(&str, &str); 98] = [
    ("軟體", "软件"),
    ("硬體", "硬件"),
    ("韌體", "固件"),
    ("晶片", "芯片"),
    ("伺服器", "服务器"),
    ("網路", "网络"),
    ("網際網路", "互联网"),
    ("人工智慧", "人工智能"),
    ("演算法", "算法"),
    ("資料庫", "数据库"),
    ("資料中心", "数据中心"),
    ("資料集", "数据集"),
    ("資料湖", "数据湖"),
    ("資料倉儲", "数据仓库"),
    ("資料科學", "数据科学"),
    ("資料分析", "数据分析"),
    ("資料治理", "数据治理"),
    ("應用程式", "应用程序"),
    ("程式碼", "代码"),
    ("程式設計", "编程"),
    ("程式", "程序"),
    ("原始碼", "源代码"),
    ("開放原始碼", "开源"),
    ("作業系統", "操作系统"),
    ("記憶體", "内存"),
    ("硬碟", "硬盘"),
    ("螢幕", "屏幕"),
    ("滑鼠", "鼠标"),
    ("快取", "缓存"),
    ("頻寬", "带宽"),
    ("寬頻", "宽带"),
    ("叢集", "集群"),
    ("使用者", "用户"),
    ("使用者介面", "用户界面"),
    ("筆記型電腦", "笔记本电脑"),
    ("行動裝置", "移动设备"),
    ("行動應用", "移动应用"),
    ("智慧型手機", "智能手机"),
    ("雲端運算", "云计算"),
    ("雲端原生", "云原生"),
    ("邊緣運算", "边缘计算"),
    ("高效能運算", "高性能计算"),
    ("數位轉型", "数字化转型"),
    ("數位化", "数字化"),
    ("資訊安全", "信息安全"),
    ("大型語言模型", "大语言模型"),
    ("專案", "项目"),
    ("執行緒", "线程"),
    ("函式", "函数"),
    ("變數", "变量"),
    ("陣列", "数组"),
    ("物件導向", "面向对象"),
    ("位元組", "字节"),
    ("位元", "比特"),
    ("資料結構", "数据结构"),
    ("資料流", "数据流"),
    ("資料表", "数据表"),
    ("資料驅動", "数据驱动"),
    ("資料外洩", "数据泄露"),
    ("負載平衡", "负载均衡"),
    ("儲存", "存储"),
    ("物件儲存", "对象存储"),
    ("平行運算", "并行计算"),
    ("平行處理", "并行处理"),
    ("分散式", "分布式"),
    ("登入", "登录"),
    ("帳號", "账号"),
    ("帳戶", "账户"),
    ("範本", "模板"),
    ("外掛程式", "插件"),
    ("相容性", "兼容性"),
    ("最佳化", "优化"),
    ("最佳實務", "最佳实践"),
    ("解析度", "分辨率"),
    ("辨識", "识别"),
    ("影像辨識", "图像识别"),
    ("語音辨識", "语音识别"),
    ("臉部辨識", "人脸识别"),
    ("網域", "域名"),
    ("部落格", "博客"),
    ("社群媒體", "社交媒体"),
    ("簡訊", "短信"),
    ("線上", "在线"),
    ("高畫質", "高清"),
    ("列印", "打印"),
    ("印表機", "打印机"),
    ("光碟", "光盘"),
    ("全端", "全栈"),
    ("客製化", "定制"),
    ("連結", "链接"),
    ("搜尋", "搜索"),
    ("駭客", "黑客"),
    ("身分驗證", "身份验证"),
    ("存取控制", "访问控制"),
    ("災難復原", "灾难恢复"),
    ("終端機", "终端"),
    ("命令列", "命令行"),
    ("除錯", "调试"),
];

/// The pairs of [`WORDS`] as a query reads them once [`super::normalize`]d
/// (`軟體` is `软体` there), leaving out a pair whose two sides
/// normalise to one (folding characters already finds it).
pub fn word_pairs() -> Vec<(String, String)> {
    WORDS
        .iter()
        .map(|(taiwan, mainland)| (super::normalize(taiwan), super::normalize(mainland)))
        .filter(|(taiwan, mainland)| taiwan != mainland)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pair_is_two_words_and_each_word_has_one_partner() {
        let pairs = word_pairs();
        assert_eq!(pairs.len(), WORDS.len(), "no pair folds into one word");
        let mut seen = std::collections::HashSet::new();
        for (taiwan, mainland) in &pairs {
            assert!(taiwan.chars().count() >= 2 && mainland.chars().count() >= 2);
            assert!(seen.insert(taiwan.clone()), "{taiwan} twice");
            assert!(seen.insert(mainland.clone()), "{mainland} twice");
        }
        assert!(pairs.contains(&("软体".to_string(), "软件".to_string())));
    }
}
