//! Chinese family names, for telling a name glued to a label
//! (`主持人李雷`) from a heading (`主持人介绍`, `主讲人简介`).

/// Two-character family names, looked for before one character.
const COMPOUND: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "慕容", "令狐", "皇甫", "尉迟", "公孙", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "申屠", "澹台", "呼延", "百里", "东郭",
];

/// The common one-character family names: together they are the family
/// names of nearly everyone in China.
const SINGLE: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘\
于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶\
黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰\
焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈\
饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边\
卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢\
劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门\
云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾\
戎勾茅利於呼居揭干尉冶斯元束檀衣信展阴昝智幸奉植衡富尧";

/// Words that follow a label word as a heading and yet start with a family
/// name character: `主讲人简介`, `讲者信息`, `嘉宾金句`, `嘉宾高管`.
const HEADING_WORDS: &[&str] = &["简介", "信息", "金句", "高管"];

/// Whether `name`, all Chinese, may be a person's: it starts with a family
/// name and is no heading word.
pub(super) fn may_be_person(name: &str) -> bool {
    if HEADING_WORDS.iter().any(|w| name.starts_with(w)) {
        return false;
    }
    if COMPOUND.iter().any(|c| name.starts_with(c)) {
        return true;
    }
    name.chars().next().is_some_and(|c| SINGLE.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_heading_words() {
        for name in ["李雷", "欧阳娜娜", "简宁", "王芳", "司马懿"] {
            assert!(may_be_person(name), "{name}");
        }
        // `主讲人由张伟担任`: `由` opens a phrase, not a name.
        for word in [
            "介绍",
            "简介",
            "致辞",
            "背景",
            "信息",
            "问答",
            "开场",
            "由张伟",
        ] {
            assert!(!may_be_person(word), "{word}");
        }
    }
}
