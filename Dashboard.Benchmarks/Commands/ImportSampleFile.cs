using System.Globalization;
using System.Text;

namespace Dashboard.Benchmarks.Commands;

/// <summary>
/// A generated customer list as people hand it in (fixed seed): Chinese and English names, companies, phones in the
/// ways people write them (<c>138 1234 5678</c>, <c>+86 138-1234-5678</c>, <c>0086…</c>, landlines with area codes),
/// e-mails, addresses and dates of birth, with about 3% invalid rows, about 5% rows repeating an earlier person of
/// the file (another phone format, a second e-mail) and, when asked, rows repeating existing customers.
/// </summary>
internal sealed class ImportSampleFile(int seed)
{
    public const string Header = "姓名,手机,邮箱,公司,职位,地址,邮编,出生日期";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "欧阳", "司马"];
    private static readonly string[] GivenChars =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "英", "华", "平", "刚", "辉", "玲", "桂", "鹏", "飞",
        "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "欣", "怡", "婷", "雪", "梅", "琳", "晨", "阳", "博", "文", "子", "涵", "然", "睿",
        "思", "雨", "佳", "嘉", "颖", "慧", "晓", "东", "海", "燕", "志", "建", "国", "春", "秋", "云", "峰", "波", "亮", "鑫", "瑶", "璐", "倩", "蕾", "琪", "悦",
    ];

    private static readonly string[] EnglishGiven =
    [
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Emma", "Oliver", "Sophie", "Lucas", "Mia", "Noah", "Grace",
        "William", "Elizabeth", "Richard", "Barbara", "Joseph", "Susan", "Thomas", "Jessica", "Charles", "Sarah", "Daniel", "Karen", "Matthew", "Nancy",
        "Anthony", "Lisa", "Mark", "Betty", "Paul", "Sandra", "Steven", "Ashley", "Andrew", "Emily",
    ];

    private static readonly string[] EnglishFamily =
    [
        "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Green", "Hall", "Clarke", "Jackson",
        "White", "Harris", "Martin", "Thompson", "Wood", "Lewis", "Scott", "Cooper", "King", "Baker", "Turner", "Hill", "Moore", "Ward", "Morris",
        "Mitchell", "Campbell", "Young", "Allen", "Anderson", "Bell", "Parker", "Murphy", "Price", "Bennett",
    ];

    private static readonly string[] CompanyPrefixes = ["星辰", "鑫源", "华联", "东方", "恒信", "瑞丰", "金桥", "宏达", "天成", "远航", "新纪元", "长城", "海纳", "博雅", "中科", "盛世", "嘉禾", "永安", "广德", "锦程"];
    private static readonly string[] CompanyCores = ["贸易", "科技", "物流", "医疗器械", "金融服务", "电子", "建材", "食品", "教育咨询", "能源", "软件", "制药"];
    private static readonly string[] CompanySuffixes = ["有限公司", "股份有限公司", "集团有限公司"];
    private static readonly string[] EnglishCompanies = ["Bright Harbor", "Northwind", "Blue Ocean", "Acme", "Silver Peak", "Golden Gate", "Redwood", "Summit", "Evergreen", "Pioneer", "Atlas", "Horizon"];
    private static readonly string[] EnglishCompanyKinds = ["Traders Ltd", "Logistics Co., Ltd.", "Manufacturing Inc.", "Software GmbH", "Foods Pte Ltd", "Partners LLC"];
    private static readonly string[] Titles = ["采购经理", "总经理", "财务总监", "Buyer", "Head of Operations", "IT manager", "销售代表", "CEO"];
    private static readonly (string City, string Postcode, string Area)[] Cities =
        [("上海市浦东新区", "200120", "021"), ("北京市朝阳区", "100020", "010"), ("广州市天河区", "510620", "020"), ("深圳市南山区", "518052", "0755"), ("杭州市西湖区", "310013", "0571"), ("成都市武侯区", "610041", "028")];
    private static readonly string[] Streets = ["世纪大道", "建国路", "天河路", "科技园南路", "文三路", "人民南路", "南京西路"];
    private static readonly string[] MobilePrefixes = ["138", "139", "137", "136", "135", "150", "151", "158", "186", "187", "188", "177", "199"];

    private readonly Random _random = new(seed);
    private readonly List<Person> _people = [];

    /// <summary>Writes <paramref name="rows"/> rows (after the header); <paramref name="existing"/> people may be repeated as returning customers.</summary>
    public (int Invalid, int Repeats, int Returning) Write(TextWriter writer, int rows, IReadOnlyList<Person>? existing = null)
    {
        var (invalid, repeats, returning) = (0, 0, 0);
        writer.Write(Header + "\n");
        for (var i = 0; i < rows; i++)
        {
            var roll = _random.NextDouble();
            Person person;
            if (roll < 0.03)
            {
                person = Broken(NewPerson());
                invalid++;
            }
            else if (roll < 0.08 && _people.Count > 0)
            {
                person = Again(_people[_random.Next(_people.Count)]);
                repeats++;
            }
            else if (roll < 0.10 && existing is { Count: > 0 })
            {
                person = Again(existing[_random.Next(existing.Count)]);
                returning++;
            }
            else
            {
                person = NewPerson();
                _people.Add(person);
            }

            writer.Write(person.ToCsv());
            writer.Write('\n');
        }

        return (invalid, repeats, returning);
    }

    /// <summary>People written so far who were neither broken nor repeats.</summary>
    public IReadOnlyList<Person> People => _people;

    private Person NewPerson()
    {
        var chinese = _random.NextDouble() < 0.75;
        string name, email;
        if (chinese)
        {
            var surname = Pick(Surnames);
            var given = _random.NextDouble() < 0.3 ? Pick(GivenChars) : Pick(GivenChars) + Pick(GivenChars);
            name = surname + given;
            email = $"user{_random.Next(1_000_000, 9_999_999)}@{Pick(["qq.com", "163.com", "126.com", "example.cn"])}";
        }
        else
        {
            var given = Pick(EnglishGiven);
            var family = Pick(EnglishFamily);
            name = $"{given} {family}";
            email = $"{given.ToLowerInvariant()}.{family.ToLowerInvariant()}{_random.Next(1, 9999)}@example.com";
        }

        var city = Pick(Cities);
        var mobile = Pick(MobilePrefixes) + _random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        var landline = _random.NextDouble() < 0.15;
        var phone = landline ? $"({city.Area}) {_random.Next(2, 9)}{_random.Next(0, 10_000_000):D7}" : FormatMobile(mobile);
        var company = _random.NextDouble() switch
        {
            < 0.45 => Pick(CompanyPrefixes) + Pick(CompanyCores) + Pick(CompanySuffixes),
            < 0.6 => $"{Pick(EnglishCompanies)} {Pick(EnglishCompanyKinds)}",
            _ => string.Empty,
        };
        var title = company.Length > 0 && _random.NextDouble() < 0.7 ? Pick(Titles) : string.Empty;
        var address = _random.NextDouble() < 0.7 ? $"{city.City}{Pick(Streets)}{_random.Next(1, 999)}号" : string.Empty;
        var born = _random.NextDouble() < 0.4 ? new DateOnly(1950, 1, 1).AddDays(_random.Next(0, 365 * 55)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
        return new Person(name, phone, _random.NextDouble() < 0.85 ? email : string.Empty, company, title, address, address.Length > 0 ? (int.Parse(city.Postcode, CultureInfo.InvariantCulture) + _random.Next(0, 900)).ToString("D6", CultureInfo.InvariantCulture) : string.Empty, born, landline ? null : mobile);
    }

    /// <summary>The same person typed again: the phone written another way, sometimes a new e-mail, the rest as before.</summary>
    private Person Again(Person person) => person with
    {
        Phone = person.Mobile is { } mobile ? FormatMobile(mobile) : person.Phone,
        Email = _random.NextDouble() < 0.3 ? $"alt{_random.Next(1000, 9999)}.{person.Email}".TrimEnd('.') : person.Email,
    };

    private Person Broken(Person person) => _random.Next(3) switch
    {
        0 => person with { Phone = _random.Next(1000, 99999).ToString(CultureInfo.InvariantCulture) },
        1 => person with { Email = "no-at-sign.example.com" },
        _ => person with { Name = string.Empty, Company = string.Empty },
    };

    private string FormatMobile(string mobile) => _random.Next(5) switch
    {
        0 => mobile,
        1 => $"{mobile[..3]} {mobile[3..7]} {mobile[7..]}",
        2 => $"+86 {mobile[..3]}-{mobile[3..7]}-{mobile[7..]}",
        3 => "0086" + mobile,
        _ => $"{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}",
    };

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    /// <summary>One customer as a row of the file; <see cref="Mobile"/> is the bare mobile number, when the phone is one.</summary>
    internal sealed record Person(string Name, string Phone, string Email, string Company, string Title, string Address, string Postcode, string Born, string? Mobile)
    {
        public string ToCsv()
        {
            static string Field(string value) => value.Contains(',', StringComparison.Ordinal) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
            return new StringBuilder()
                .Append(Field(Name)).Append(',').Append(Field(Phone)).Append(',').Append(Field(Email)).Append(',').Append(Field(Company)).Append(',')
                .Append(Field(Title)).Append(',').Append(Field(Address)).Append(',').Append(Postcode).Append(',').Append(Born)
                .ToString();
        }
    }
}
