using System.Globalization;
using System.Text;

namespace Dashboard.Domain.Duplicates;

/// <summary>
/// Folds text the way duplicate matching compares it: full-width forms to half-width (NFKC), accents removed,
/// lower case, traditional Chinese characters to simplified ones where known, and punctuation to single spaces.
/// Apostrophes and dots join what they separate, so "O'Hara" and "ohara", "J.R." and "jr" fold alike.
/// </summary>
public static class MatchText
{
    /// <summary>Traditional → simplified for characters common in names, places and company names; a full table needs a conversion library.</summary>
    private static readonly Dictionary<char, char> Simplified = new()
    {
        ['華'] = '华', ['東'] = '东', ['國'] = '国', ['麗'] = '丽', ['強'] = '强', ['軍'] = '军', ['濤'] = '涛', ['傑'] = '杰', ['紅'] = '红', ['剛'] = '刚',
        ['輝'] = '辉', ['鵬'] = '鹏', ['曉'] = '晓', ['張'] = '张', ['劉'] = '刘', ['陳'] = '陈', ['楊'] = '杨', ['黃'] = '黄', ['趙'] = '赵', ['吳'] = '吴',
        ['馬'] = '马', ['鄭'] = '郑', ['謝'] = '谢', ['韓'] = '韩', ['馮'] = '冯', ['鄧'] = '邓', ['葉'] = '叶', ['蘇'] = '苏', ['呂'] = '吕', ['盧'] = '卢',
        ['鍾'] = '钟', ['譚'] = '谭', ['陸'] = '陆', ['歐'] = '欧', ['豔'] = '艳', ['蘭'] = '兰', ['嵐'] = '岚', ['許'] = '许', ['孫'] = '孙', ['羅'] = '罗',
        ['鄒'] = '邹', ['閻'] = '阎', ['龍'] = '龙', ['鳳'] = '凤', ['偉'] = '伟', ['齊'] = '齐', ['廣'] = '广', ['峯'] = '峰', ['萬'] = '万', ['義'] = '义',
        ['爾'] = '尔', ['雲'] = '云', ['書'] = '书', ['會'] = '会', ['興'] = '兴', ['實'] = '实', ['寶'] = '宝', ['貿'] = '贸', ['電'] = '电', ['師'] = '师',
        ['鐵'] = '铁', ['銀'] = '银', ['錢'] = '钱', ['開'] = '开', ['關'] = '关', ['頭'] = '头', ['長'] = '长', ['門'] = '门', ['學'] = '学', ['園'] = '园',
        ['藝'] = '艺', ['靜'] = '静', ['穎'] = '颖', ['瑩'] = '莹', ['麥'] = '麦', ['顏'] = '颜', ['韋'] = '韦', ['賀'] = '贺', ['龔'] = '龚', ['湯'] = '汤',
        ['蕭'] = '萧', ['嚴'] = '严', ['聶'] = '聂', ['錦'] = '锦', ['禮'] = '礼', ['陽'] = '阳', ['進'] = '进', ['淩'] = '凌', ['達'] = '达', ['戰'] = '战',
        ['寧'] = '宁', ['順'] = '顺', ['滿'] = '满', ['聖'] = '圣', ['賢'] = '贤', ['誠'] = '诚', ['軒'] = '轩', ['紀'] = '纪', ['艷'] = '艳', ['鍵'] = '键',
        ['灣'] = '湾', ['區'] = '区', ['縣'] = '县', ['號'] = '号', ['樓'] = '楼', ['廈'] = '厦', ['場'] = '场', ['際'] = '际', ['團'] = '团', ['與'] = '与',
        ['產'] = '产', ['業'] = '业', ['務'] = '务', ['訊'] = '讯', ['網'] = '网', ['絡'] = '络', ['術'] = '术', ['資'] = '资', ['貨'] = '货', ['運'] = '运',
        ['車'] = '车',
    };

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var gap = false;
        foreach (var raw in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(raw);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            c = Simplified.GetValueOrDefault(c, c);
            if (char.IsLetterOrDigit(c))
            {
                if (gap && folded.Length > 0)
                {
                    folded.Append(' ');
                }

                folded.Append(c);
                gap = false;
            }
            else if (c is not ('\'' or '\u2019' or '.'))
            {
                gap = true;
            }
        }

        return folded.ToString();
    }

    /// <summary>The words of folded text.</summary>
    public static string[] Tokens(string folded) =>
        folded.Length == 0 ? [] : folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True for Chinese, Japanese and Korean characters, which are written without spaces between words.</summary>
    public static bool IsCjk(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF';

    public static bool HasCjk(string text) => text.Any(IsCjk);

    /// <summary>Only the digits of a text, e.g. a postcode or a street number.</summary>
    public static string Digits(string? text) => text is null ? string.Empty : new string(text.Where(char.IsAsciiDigit).ToArray());

    /// <summary>
    /// A short sound code of a Latin word (American Soundex: first letter and three consonant classes), so that
    /// "smith" and "smyth" share a blocking key. Other scripts and digits are returned as they are.
    /// </summary>
    public static string SoundCode(string token)
    {
        if (token.Length == 0 || !char.IsAsciiLetterLower(token[0]))
        {
            return token;
        }

        var code = new StringBuilder(4).Append(token[0]);
        var last = SoundClass(token[0]);
        for (var i = 1; i < token.Length && code.Length < 4; i++)
        {
            var c = token[i];
            var cls = SoundClass(c);
            if (cls != '0' && cls != last)
            {
                code.Append(cls);
            }

            // 'h' and 'w' do not separate two consonants of the same class; vowels do.
            if (c is not ('h' or 'w'))
            {
                last = cls;
            }
        }

        return code.ToString().PadRight(4, '0');
    }

    private static char SoundClass(char c) => c switch
    {
        'b' or 'f' or 'p' or 'v' => '1',
        'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
        'd' or 't' => '3',
        'l' => '4',
        'm' or 'n' => '5',
        'r' => '6',
        _ => '0',
    };
}
