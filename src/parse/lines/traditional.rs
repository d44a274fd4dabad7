//! Traditional Chinese read as simplified Chinese, character by
//! character, so that every word the parser and enrichment look for
//! (`時間線`, `發佈`, `5 萬`, `講者：`, `客戶`) is written once, in its
//! simplified form.
//!
//! Only characters that simplified Chinese does not use are listed, so a
//! simplified text reads as it is. Both characters of every pair are in
//! U+4E00–U+9FFF, three bytes in UTF-8 each (checked when the table is
//! built): an offset into one spelling of a text is an offset into the
//! other, and what is found in the simplified form is shown as written.

use std::borrow::Cow;

/// Pairs of a traditional character and its simplified form, separated by
/// white space.
const PAIRS: &str = "
會会 議议 時时 間间 線线 軸轴 詳详 細细 題题 註注 關关 鍵键 詞词 籤签 結结 總总 場场 講讲 備备 覽览
資资 訊讯 內内 顧顾 紀纪 壇坛 發发 髮发 釋释
萬万 億亿 兩两 個个 幾几 點点 數数 與与 為为 爲为 於于 從从 對对 這这 們们 來来 還还 過过 進进 將将
後后 裡里 裏里 麼么 並并 併并 當当 無无 説说 說说 讓让 應应 該该 實实 現现 體体 樣样 種种 項项 條条
張张 顆颗 臺台 檯台 颱台 週周 歲岁 號号 類类 級级 層层 區区 處处 國国 際际 隊队 團团 眾众 員员 戶户
參参 賓宾 師师 專专 長长 聽听 門门 問问 開开 閉闭 導导 領领 頭头 書书 報报 紙纸 夥伙 僅仅 優优 價价
傳传 偉伟 儲储 債债 儀仪
佈布 預预 測测 誌志 錄录 記记 節节 頁页 採采
鐘钟 鍾钟 歐欧 鎊镑 幣币 納纳
監监 經经 構构 負负 責责 創创 學学 紹绍 談谈 調调 強强
業业 務务 產产 術术 機机 計计 雲云 網网 絡络 據据 庫库 訓训 練练 語语 義义 檢检 圖图 視视 頻频 聲声
識识 別别 碼码 編编 寫写 讀读 設设 證证 權权 護护 險险 衛卫 統统 維维 組组 織织 認认 評评 試试 驗验
質质 標标 準准 範范 規规 則则 變变 換换 轉转 運运 營营 銷销 費费 財财 貨货 單单 購购 買买 賣卖 額额
貢贡 獻献 獲获 穫获 勝胜 贏赢 輸输 達达 選选 擇择 擴扩 縮缩 減减 漲涨 顯显 響响 態态 勢势 動动 靜静
環环 電电 腦脑 車车 軟软 輕轻 載载 駕驾 駛驶 驅驱 馬马 鳥鸟 龍龙 魚鱼 東东 亞亚 灣湾 陸陆 島岛 漢汉
華华 廣广 廳厅 廠厂 莊庄 蘇苏 遠远 鄉乡 鎮镇 錯错 誤误 難难 礎础 確确 論论 話话 請请 許许 訪访 詢询
諮咨 謝谢 讚赞 誰谁 訂订 討讨 譯译 課课 詐诈 覺觉 觀观 見见 親亲
邊边 連连 遲迟 適适 遺遗 遷迁 遞递 遜逊 蹤踪 踐践 跡迹 陣阵 陰阴 陽阳 隱隐 隨随 靈灵 韓韩 順顺 須须
風风 飛飞 飯饭 養养 餘余 館馆 驟骤 驚惊 鬥斗 鬆松 魯鲁 鮮鲜 麥麦 黃黄 齊齐 齒齿 龐庞 幹干 復复 複复
歷历 曆历 係系 繫系 製制 隻只 衝冲 盡尽 儘尽 匯汇 彙汇 闆板 錶表 纔才 託托 佔占 遊游 劃划 穀谷 嚮向
氣气 燈灯 爭争 狀状 獨独 獎奖 畫画 盤盘 礙碍 禮礼 禪禅 積积 穩稳 窮穷 競竞 筆笔 築筑 簡简 糧粮 紅红
約约 純纯 終终 絕绝 給给 絲丝 綠绿 綜综 緊紧 縣县 績绩 繼继 續续 罰罚 羅罗 聖圣 聯联 聰聪 職职 肅肃
腳脚 脫脱 膚肤 臉脸 艦舰 藝艺 葉叶 蓋盖 薦荐 薩萨 藥药 蘭兰 蟲虫 補补 裝装 觸触 訴诉 診诊 詩诗 誠诚
諾诺 謀谋 豐丰 貝贝 販贩 貫贯 貴贵 貼贴 貿贸 賞赏 賴赖 賽赛 贈赠 趕赶 趨趋 躍跃 軍军 軌轨 較较 輔辅
輪轮 輯辑 辦办 辭辞 農农 違违 鄰邻 醫医 針针 鈕钮 銀银 鋪铺 鋼钢 錢钱 錦锦 鍊炼 鏈链 鏡镜 閃闪 閱阅
闊阔 闡阐 陳陈 階阶 雙双 雜杂 雞鸡 離离 頂顶 頓顿 頗颇 顏颜 飾饰 鬧闹 麗丽 齡龄 亂乱 兒儿 冊册 凈净
淨净 剛刚 劇剧 劍剑 勞劳 勵励 協协 卻却 厲厉 嚴严 圍围 圓圆 園园 塊块 壓压 壞坏 壯壮 壽寿 夢梦 奪夺
奮奋 婦妇 媽妈 寧宁 寬宽 審审 寶宝 尋寻 屆届 屬属 峽峡 崗岗 巖岩 幫帮 廢废 彈弹 彌弥 彎弯 徑径 恆恒
惡恶 愛爱 慣惯 慶庆 慮虑 憂忧 憑凭 懷怀 懸悬 戰战 戲戏 擁拥 擊击 擔担 擬拟 攝摄 攜携 敗败 敵敌 斷断
歸归 殘残 毀毁 氫氢 決决 沒没 況况 湯汤 滅灭 滿满 滲渗 濟济 濾滤 瀏浏 灑洒 災灾 煉炼 熱热 爾尔 牆墙
犧牺 獵猎 瑪玛 畢毕 異异 療疗 盜盗 礦矿 禍祸 禦御 稅税 稱称 簽签 籌筹 粵粤 緒绪 緩缓 縱纵 繪绘 繳缴
罷罢 習习 聞闻 脅胁 臨临 舉举 舊旧 艱艰 莖茎 蕭萧 藍蓝 虛虚 襲袭 誇夸 諸诸 謂谓 譜谱 貓猫 賬账 贊赞
趙赵 輩辈 辯辩 邏逻 郵邮 鄭郑 鐵铁 鑑鉴 鑒鉴 閣阁 闖闯 雖虽 韌韧 頒颁 顛颠 飽饱 馳驰 騰腾 騙骗 鬱郁
鳳凤 黨党
";

const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;

/// Per character of U+4E00–U+9FFF: its simplified form, or 0.
static SIMPLE: [u16; (LAST - FIRST + 1) as usize] = table(PAIRS);

const fn table(pairs: &str) -> [u16; (LAST - FIRST + 1) as usize] {
    let b = pairs.as_bytes();
    let mut t = [0u16; (LAST - FIRST + 1) as usize];
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let (traditional, simple) = (han_at(b, i), han_at(b, i + 3));
        assert!(traditional != simple, "a pair of one character");
        assert!(
            t[(traditional - FIRST) as usize] == 0,
            "a character listed twice"
        );
        t[(traditional - FIRST) as usize] = simple as u16;
        i += 6;
    }
    t
}

/// The character whose three bytes of UTF-8 start at `i`, which must be in
/// U+4E00–U+9FFF.
const fn han_at(b: &[u8], i: usize) -> u32 {
    assert!(
        i + 2 < b.len() && b[i] >> 4 == 0xE,
        "pairs of two characters"
    );
    let c =
        ((b[i] as u32 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F);
    assert!(FIRST <= c && c <= LAST, "a character outside U+4E00–U+9FFF");
    c
}

/// A traditional character in its simplified form; any other character as
/// it is. Both are as long in UTF-8.
pub(crate) fn simple_char(c: char) -> char {
    match SIMPLE.get((c as u32).wrapping_sub(FIRST) as usize) {
        Some(&s) if s != 0 => char::from_u32(u32::from(s)).unwrap_or(c),
        _ => c,
    }
}

/// Every pair of the table, each traditional character followed by its
/// simplified form, with nothing between: the browser's search folds a
/// query with it as the index was folded (see [`crate::search::normalize`]).
pub(crate) fn pairs() -> String {
    PAIRS.split_whitespace().collect()
}

/// `text` with its traditional characters in their simplified forms, for
/// matching only: what is shown is the text as written. Borrowed, without a
/// copy, when there is nothing to change, as in every simplified text.
pub(crate) fn simplified(text: &str) -> Cow<'_, str> {
    if !has_traditional(text) {
        return Cow::Borrowed(text);
    }
    text.chars().map(simple_char).collect()
}

/// Whether `text` has a character of the table. Read byte by byte, as
/// every text a recap has is read for it: only the lead bytes E4–E9 start
/// a character of U+4E00–U+9FFF, and no other byte of any character is
/// one of them.
fn has_traditional(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        if !(0xE4..=0xE9).contains(&b[i]) {
            i += 1;
            continue;
        }
        let c = (u32::from(b[i] & 0x0F) << 12)
            | (u32::from(b[i + 1] & 0x3F) << 6)
            | u32::from(b[i + 2] & 0x3F);
        if SIMPLE
            .get(c.wrapping_sub(FIRST) as usize)
            .is_some_and(|&s| s != 0)
        {
            return true;
        }
        i += 3;
    }
    false
}

/// `part`, found at byte `at` of the [`simplified`] form of `written`, with
/// the traditional characters `written` has there. Other differences
/// between the two texts (a web address blanked out for matching) are kept
/// as `part` has them.
pub(crate) fn as_written<'p>(part: &'p str, at: usize, written: &str) -> Cow<'p, str> {
    let traditional_at = |i: usize| {
        let w = written.get(at + i..)?.chars().next()?;
        (w as u32 >= FIRST && simple_char(w) != w).then_some(w)
    };
    if !part
        .char_indices()
        .any(|(i, _)| traditional_at(i).is_some())
    {
        return Cow::Borrowed(part);
    }
    part.char_indices()
        .map(|(i, c)| {
            traditional_at(i)
                .filter(|&w| simple_char(w) == c)
                .unwrap_or(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_character_has_one_simplified_form_as_long_as_itself() {
        for c in '\u{3400}'..='\u{9FFF}' {
            let s = simple_char(c);
            assert_eq!(c.len_utf8(), s.len_utf8(), "{c}");
            assert_eq!(simple_char(s), s, "{c} → {s} is simplified again");
        }
        assert_eq!(simplified("發佈了 5 萬名參會者"), "发布了 5 万名参会者");
        assert_eq!(simplified("明顯提升"), "明显提升");
    }

    #[test]
    fn traditional_characters_are_found_wherever_they_are() {
        for c in ('\u{80}'..='\u{FFFF}').filter(|c| !c.is_ascii()) {
            for text in [
                format!("{c}"),
                format!("a{c}"),
                format!("中{c}é"),
                format!("é{c}"),
            ] {
                assert_eq!(has_traditional(&text), simple_char(c) != c, "{text}");
            }
        }
    }

    #[test]
    fn simplified_text_is_not_copied() {
        for text in ["发布了 Amazon Nova", "Amazon Nova", "后来于是，关于系统"] {
            assert!(matches!(simplified(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn found_parts_are_given_back_as_written() {
        let written = "講者：王小明，首席架構師";
        let plain = simplified(written);
        let at = plain.find("首席架构师").unwrap();
        assert_eq!(as_written(&plain[at..], at, written), "首席架構師");
        assert_eq!(as_written("王小明", "講者：".len(), written), "王小明");
        // Blanked for matching, left blank.
        assert_eq!(as_written("||", 0, "發布"), "||");
    }
}
