namespace Dashboard.Domain.DemoData;

/// <summary>A Chinese name part with its pinyin, used to build e-mail addresses.</summary>
internal sealed record NamePart(string Hanzi, string Pinyin);

/// <summary>A city with street names and the area code of its landlines.</summary>
internal sealed record DemoCity(string NameCn, string NameEn, string AreaCode, string[] Streets, string[] StreetsEn);

/// <summary>How a region's overseas phones and addresses look.</summary>
internal sealed record OverseasPlace(string Country, string[] PhonePatterns, string[] Addresses, string CompanyDomain);

/// <summary>Words that make a company name sound like it belongs to an industry.</summary>
internal sealed record IndustryWords(string[] Chinese, string[] English, string DomainHint);

/// <summary>Something a customer buys: a name, a unit price in CNY and a typical quantity.</summary>
internal sealed record DemoProduct(string Name, decimal UnitPriceCny, int MaxQuantity, bool HalfUnits = false);

/// <summary>One of the extra sales reps who own demo cards.</summary>
internal sealed record DemoRep(string ExternalId, string DisplayName, string Email, string TeamName, int Weight);

/// <summary>
/// The word lists behind the demo data: names, companies, places, products and the texts of
/// interactions and remarks, in Chinese and English. Fixed, so that a seed always gives the same data.
/// </summary>
internal static class DemoVocabulary
{
    /// <summary>Card owners besides the demo Sales user and team lead; spread over both teams.</summary>
    public static readonly DemoRep[] Reps =
    [
        new("demo-rep-01", "Chen Jie", "chen.jie@example.com", DemoUsers.EastTeam, 8),
        new("demo-rep-02", "Liu Yang", "liu.yang@example.com", DemoUsers.EastTeam, 8),
        new("demo-rep-03", "Zhou Min", "zhou.min@example.com", DemoUsers.EastTeam, 7),
        new("demo-rep-04", "Emily Zhao", "emily.zhao@example.com", DemoUsers.EastTeam, 7),
        new("demo-rep-05", "Sun Hao", "sun.hao@example.com", DemoUsers.EastTeam, 6),
        new("demo-rep-06", "Huang Lei", "huang.lei@example.com", DemoUsers.WestTeam, 9),
        new("demo-rep-07", "Wu Ting", "wu.ting@example.com", DemoUsers.WestTeam, 8),
        new("demo-rep-08", "Xu Peng", "xu.peng@example.com", DemoUsers.WestTeam, 8),
        new("demo-rep-09", "Michael Lin", "michael.lin@example.com", DemoUsers.WestTeam, 7),
        new("demo-rep-10", "Guo Xin", "guo.xin@example.com", DemoUsers.WestTeam, 7),
    ];

    /// <summary>Share of cards of the demo Sales user and the demo team lead (the reps' weights add up to 75).</summary>
    public const int DemoSalesWeight = 18;

    public const int DemoTeamLeadWeight = 7;

    /// <summary>Family names, the most common first so that weighted picks favour them.</summary>
    public static readonly NamePart[] FamilyNames =
    [
        new("王", "wang"), new("李", "li"), new("张", "zhang"), new("刘", "liu"), new("陈", "chen"), new("杨", "yang"),
        new("黄", "huang"), new("赵", "zhao"), new("吴", "wu"), new("周", "zhou"), new("徐", "xu"), new("孙", "sun"),
        new("马", "ma"), new("朱", "zhu"), new("胡", "hu"), new("郭", "guo"), new("何", "he"), new("高", "gao"),
        new("林", "lin"), new("罗", "luo"), new("郑", "zheng"), new("梁", "liang"), new("谢", "xie"), new("宋", "song"),
        new("唐", "tang"), new("许", "xu"), new("韩", "han"), new("冯", "feng"), new("邓", "deng"), new("曹", "cao"),
        new("彭", "peng"), new("曾", "zeng"), new("肖", "xiao"), new("田", "tian"), new("董", "dong"), new("袁", "yuan"),
        new("潘", "pan"), new("于", "yu"), new("蒋", "jiang"), new("蔡", "cai"), new("余", "yu"), new("杜", "du"),
        new("叶", "ye"), new("程", "cheng"), new("苏", "su"), new("魏", "wei"), new("吕", "lyu"), new("丁", "ding"),
        new("任", "ren"), new("沈", "shen"), new("姚", "yao"), new("卢", "lu"), new("姜", "jiang"), new("崔", "cui"),
        new("钟", "zhong"), new("谭", "tan"), new("陆", "lu"), new("范", "fan"), new("欧阳", "ouyang"), new("司马", "sima"),
    ];

    public static readonly NamePart[] GivenNames =
    [
        new("伟", "wei"), new("芳", "fang"), new("娜", "na"), new("敏", "min"), new("静", "jing"), new("丽", "li"),
        new("强", "qiang"), new("磊", "lei"), new("军", "jun"), new("洋", "yang"), new("勇", "yong"), new("艳", "yan"),
        new("杰", "jie"), new("娟", "juan"), new("涛", "tao"), new("明", "ming"), new("超", "chao"), new("秀英", "xiuying"),
        new("霞", "xia"), new("平", "ping"), new("刚", "gang"), new("桂英", "guiying"), new("小明", "xiaoming"), new("建华", "jianhua"),
        new("志强", "zhiqiang"), new("海燕", "haiyan"), new("晓东", "xiaodong"), new("文杰", "wenjie"), new("子涵", "zihan"), new("思远", "siyuan"),
        new("雨桐", "yutong"), new("浩然", "haoran"), new("佳怡", "jiayi"), new("俊杰", "junjie"), new("欣怡", "xinyi"), new("宇航", "yuhang"),
        new("梓轩", "zixuan"), new("诗涵", "shihan"), new("国强", "guoqiang"), new("红梅", "hongmei"), new("丹", "dan"), new("鹏", "peng"),
        new("辉", "hui"), new("斌", "bin"), new("宁", "ning"), new("琳", "lin"), new("颖", "ying"), new("倩", "qian"),
        new("婷", "ting"), new("雪", "xue"), new("晨", "chen"), new("博", "bo"), new("凯", "kai"), new("浩", "hao"),
        new("建国", "jianguo"), new("玉兰", "yulan"), new("春生", "chunsheng"), new("文华", "wenhua"), new("立新", "lixin"), new("嘉欣", "jiaxin"),
    ];

    /// <summary>Simplified → traditional characters, for near-duplicate names typed on a Hong Kong or Taiwan keyboard.</summary>
    public static readonly Dictionary<char, char> TraditionalForms = new()
    {
        ['华'] = '華', ['东'] = '東', ['国'] = '國', ['丽'] = '麗', ['强'] = '強', ['军'] = '軍', ['涛'] = '濤', ['杰'] = '傑',
        ['红'] = '紅', ['刚'] = '剛', ['辉'] = '輝', ['鹏'] = '鵬', ['晓'] = '曉', ['张'] = '張', ['刘'] = '劉', ['陈'] = '陳',
        ['杨'] = '楊', ['黄'] = '黃', ['赵'] = '趙', ['吴'] = '吳', ['马'] = '馬', ['郑'] = '鄭', ['谢'] = '謝', ['韩'] = '韓',
        ['冯'] = '馮', ['邓'] = '鄧', ['叶'] = '葉', ['苏'] = '蘇', ['吕'] = '呂', ['卢'] = '盧', ['钟'] = '鍾',
        ['谭'] = '譚', ['陆'] = '陸', ['欧'] = '歐', ['艳'] = '豔', ['兰'] = '蘭', ['岚'] = '嵐',
    };

    public static readonly string[] EnglishFirstNames =
    [
        "James", "Michael", "Robert", "David", "William", "Richard", "Thomas", "Daniel", "Matthew", "Christopher",
        "Andrew", "Joshua", "Kevin", "Brian", "Steven", "Peter", "Mark", "Paul", "Jason", "Ryan",
        "Mary", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica", "Sarah", "Karen", "Emily", "Emma",
        "Olivia", "Sophie", "Grace", "Hannah", "Laura", "Rachel", "Katherine", "Amanda", "Helen", "Anna",
        "Lucas", "Oliver", "Noah", "Ethan", "Lukas", "Felix", "Jonas", "Marie", "Chloe", "Isabella",
        "Vincent", "Eric", "Tony", "Jack", "Alice", "Vivian", "Cindy", "Jenny", "Ivy", "Winnie",
    ];

    public static readonly string[] EnglishLastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
        "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
        "Mitchell", "Campbell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards",
        "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Bailey", "Reed",
        "Müller", "Schmidt", "Fischer", "Weber", "Dubois", "Tan", "Lim", "Ng", "Wong", "Chan",
    ];

    /// <summary>Nicknames a second person might type for the same contact.</summary>
    public static readonly Dictionary<string, string> Nicknames = new()
    {
        ["James"] = "Jim", ["Michael"] = "Mike", ["Robert"] = "Bob", ["William"] = "Bill", ["Richard"] = "Rick",
        ["Thomas"] = "Tom", ["Daniel"] = "Dan", ["Matthew"] = "Matt", ["Christopher"] = "Chris", ["Andrew"] = "Andy",
        ["Elizabeth"] = "Liz", ["Jennifer"] = "Jenny", ["Katherine"] = "Kate", ["Jessica"] = "Jess", ["Steven"] = "Steve",
        ["Isabella"] = "Bella", ["Amanda"] = "Mandy", ["Samuel"] = "Sam", ["Anthony"] = "Tony", ["Joshua"] = "Josh",
    };

    public static readonly string[] ChineseTitles =
    [
        "总经理", "副总经理", "采购经理", "采购专员", "销售总监", "财务主管", "财务经理", "技术总监", "行政主管", "董事长",
        "项目经理", "运营总监", "市场经理", "生产经理", "质量经理", "IT 经理", "人事经理", "店长", "总工程师", "合伙人",
    ];

    public static readonly string[] EnglishTitles =
    [
        "General Manager", "Purchasing Manager", "Procurement Specialist", "Sales Director", "CFO", "CTO", "Operations Manager",
        "Owner", "Head of IT", "Office Manager", "Project Manager", "Marketing Manager", "Managing Director", "Supply Chain Lead",
        "Finance Manager", "Plant Manager", "Partner", "Quality Manager",
    ];

    /// <summary>Company brand words and their pinyin (for web domains).</summary>
    public static readonly NamePart[] ChineseBrands =
    [
        new("华东", "huadong"), new("恒通", "hengtong"), new("宏达", "hongda"), new("金桥", "jinqiao"), new("联创", "lianchuang"),
        new("鼎盛", "dingsheng"), new("瑞丰", "ruifeng"), new("中科", "zhongke"), new("天成", "tiancheng"), new("新华", "xinhua"),
        new("博远", "boyuan"), new("锦程", "jincheng"), new("永信", "yongxin"), new("安泰", "antai"), new("东方", "dongfang"),
        new("海润", "hairun"), new("盛世", "shengshi"), new("远航", "yuanhang"), new("启明", "qiming"), new("凯达", "kaida"),
        new("汇通", "huitong"), new("正泰和", "zhengtaihe"), new("九州", "jiuzhou"), new("长城", "changcheng"), new("蓝海", "lanhai"),
        new("未来", "weilai"), new("宏图", "hongtu"), new("星辰", "xingchen"), new("百川", "baichuan"), new("立达", "lida"),
    ];

    public static readonly string[] ChineseCompanySuffixes = ["有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司"];

    public static readonly string[] EnglishBrands =
    [
        "Northwind", "Contoso", "Fabrikam", "Blue Harbor", "Silverline", "Pacific Crest", "Red Maple", "Summit", "Evergreen",
        "Golden Gate", "Harborview", "Ironbridge", "Lakeside", "Oakridge", "Pinnacle", "Riverstone", "Sterling", "Tidewater",
        "Westbrook", "Brightpath", "Adventure Works", "Litware", "Proseware", "Wide World", "Alpine", "Coho", "Tailspin", "Woodgrove",
    ];

    public static readonly string[] EnglishCompanySuffixes = ["Ltd.", "Co., Ltd.", "Inc.", "LLC", "Group", "Limited", "Pte. Ltd.", "GmbH", "Corp."];

    public static readonly IndustryWords GenericIndustry = new(["贸易", "科技", "实业"], ["Trading", "Industries", "Solutions"], "trade");

    /// <summary>Keyed by the seeded English names of the industry list; renamed entries fall back to <see cref="GenericIndustry"/>.</summary>
    public static readonly Dictionary<string, IndustryWords> Industries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Manufacturing"] = new(["精密机械", "机械制造", "五金制品", "模具", "自动化设备"], ["Precision Machinery", "Manufacturing", "Industrial", "Automation"], "mach"),
        ["Retail"] = new(["商贸", "百货", "零售连锁", "超市"], ["Retail", "Stores", "Market"], "retail"),
        ["Wholesale & distribution"] = new(["贸易", "供应链", "进出口", "商贸"], ["Trading", "Distribution", "Supply"], "trading"),
        ["Financial services"] = new(["投资管理", "融资租赁", "资产管理"], ["Capital", "Financial", "Investments"], "capital"),
        ["Healthcare"] = new(["医疗器械", "生物科技", "医药"], ["Medical", "Healthcare", "Biotech"], "med"),
        ["Education"] = new(["教育科技", "培训", "文化教育"], ["Education", "Learning", "Academy"], "edu"),
        ["Information technology"] = new(["信息技术", "软件", "网络科技", "电子科技"], ["Technologies", "Software", "Systems", "Digital"], "tech"),
        ["Logistics"] = new(["物流", "国际货运", "仓储", "供应链管理"], ["Logistics", "Freight", "Shipping"], "logistics"),
        ["Real estate"] = new(["置业", "房地产开发", "物业管理"], ["Properties", "Realty", "Estates"], "realty"),
        ["Hospitality"] = new(["酒店管理", "餐饮管理", "旅游"], ["Hospitality", "Hotels", "Travel"], "hotels"),
        ["Energy"] = new(["新能源", "能源科技", "光伏", "电力设备"], ["Energy", "Power", "Solar"], "energy"),
        ["Agriculture"] = new(["农业发展", "农业科技", "食品", "生态农业"], ["Agri", "Farms", "Foods"], "agri"),
        ["Government"] = new(["公共服务", "城市建设投资", "市政工程"], ["Public Services", "Municipal Works", "Civic"], "gov"),
        ["Professional services"] = new(["咨询", "管理咨询", "会计服务", "人力资源"], ["Consulting", "Advisory", "Partners"], "consult"),
    };

    /// <summary>Mainland cities by the seeded region names.</summary>
    public static readonly Dictionary<string, DemoCity[]> MainlandCities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["East China"] =
        [
            new("上海", "Shanghai", "021", ["浦东新区张江路", "徐汇区漕溪北路", "静安区南京西路", "闵行区虹梅路", "黄浦区淮海中路"], ["Zhangjiang Road, Pudong", "West Nanjing Road, Jing'an"]),
            new("杭州", "Hangzhou", "0571", ["西湖区文三路", "滨江区江南大道", "拱墅区莫干山路"], ["Wensan Road, Xihu District"]),
            new("南京", "Nanjing", "025", ["鼓楼区中山北路", "江宁区胜太路", "玄武区珠江路"], ["Zhongshan North Road, Gulou District"]),
            new("苏州", "Suzhou", "0512", ["工业园区星湖街", "姑苏区人民路"], ["Xinghu Street, Suzhou Industrial Park"]),
            new("宁波", "Ningbo", "0574", ["鄞州区天童南路", "海曙区中山西路"], ["Tiantong South Road, Yinzhou District"]),
        ],
        ["North China"] =
        [
            new("北京", "Beijing", "010", ["朝阳区建国路", "海淀区中关村大街", "东城区东直门南大街", "丰台区丽泽路"], ["Jianguo Road, Chaoyang District", "Zhongguancun Street, Haidian District"]),
            new("天津", "Tianjin", "022", ["滨海新区第三大街", "和平区南京路"], ["Third Avenue, TEDA"]),
            new("石家庄", "Shijiazhuang", "0311", ["长安区中山东路"], ["Zhongshan East Road, Chang'an District"]),
        ],
        ["South China"] =
        [
            new("广州", "Guangzhou", "020", ["天河区天河路", "越秀区环市东路", "海珠区新港东路"], ["Tianhe Road, Tianhe District"]),
            new("深圳", "Shenzhen", "0755", ["南山区科技园南路", "福田区深南大道", "宝安区新安六路"], ["Shennan Avenue, Futian District", "Keji South Road, Nanshan District"]),
            new("东莞", "Dongguan", "0769", ["南城区鸿福路", "松山湖园区工业东路"], ["Hongfu Road, Nancheng District"]),
        ],
        ["Central China"] =
        [
            new("武汉", "Wuhan", "027", ["江汉区解放大道", "洪山区珞喻路"], ["Jiefang Avenue, Jianghan District"]),
            new("长沙", "Changsha", "0731", ["岳麓区麓谷大道", "芙蓉区五一大道"], ["Wuyi Avenue, Furong District"]),
            new("郑州", "Zhengzhou", "0371", ["金水区花园路", "郑东新区商务外环路"], ["Huayuan Road, Jinshui District"]),
        ],
        ["Southwest China"] =
        [
            new("成都", "Chengdu", "028", ["高新区天府大道", "锦江区春熙路"], ["Tianfu Avenue, High-tech Zone"]),
            new("重庆", "Chongqing", "023", ["渝中区民权路", "渝北区金开大道"], ["Minquan Road, Yuzhong District"]),
            new("昆明", "Kunming", "0871", ["五华区人民中路"], ["Renmin Middle Road, Wuhua District"]),
        ],
        ["Northwest China"] =
        [
            new("西安", "Xi'an", "029", ["雁塔区高新路", "碑林区南大街"], ["Gaoxin Road, Yanta District"]),
            new("兰州", "Lanzhou", "0931", ["城关区庆阳路"], ["Qingyang Road, Chengguan District"]),
        ],
        ["Northeast China"] =
        [
            new("沈阳", "Shenyang", "024", ["和平区中华路", "浑南区创新路"], ["Zhonghua Road, Heping District"]),
            new("大连", "Dalian", "0411", ["中山区人民路", "甘井子区黄浦路"], ["Renmin Road, Zhongshan District"]),
            new("哈尔滨", "Harbin", "0451", ["南岗区红军街"], ["Hongjun Street, Nangang District"]),
        ],
    };

    /// <summary>Overseas places by the seeded region names; phone patterns use '#' for a random digit.</summary>
    public static readonly Dictionary<string, OverseasPlace[]> OverseasPlaces = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Hong Kong SAR"] = [new("HK", ["+852 5### ####", "+852 6### ####", "+852 9### ####"], ["香港湾仔港湾道 18 号", "18 Harbour Road, Wan Chai, Hong Kong", "Unit 1203, 9 Queen's Road Central, Hong Kong", "九龙尖沙咀广东道 33 号"], "com.hk")],
        ["Taiwan"] = [new("TW", ["+886 9## ### ###"], ["台北市信义区松仁路 100 号", "台中市西屯区台湾大道三段 99 号", "No. 7, Section 5, Xinyi Road, Taipei"], "com.tw")],
        ["Asia-Pacific"] =
        [
            new("SG", ["+65 8### ####", "+65 9### ####"], ["1 Raffles Place, Singapore 048616", "10 Anson Road, Singapore 079903"], "com.sg"),
            new("AU", ["+61 4## ### ###"], ["120 Collins Street, Melbourne VIC 3000", "1 Macquarie Place, Sydney NSW 2000"], "com.au"),
            new("JP", ["+81 90 #### ####", "+81 80 #### ####"], ["2-7-1 Marunouchi, Chiyoda-ku, Tokyo", "1-1 Umeda, Kita-ku, Osaka"], "co.jp"),
        ],
        ["Europe"] =
        [
            new("DE", ["+49 151 ########", "+49 160 #######", "+49 170 #######"], ["Friedrichstraße 123, 10117 Berlin", "Maximilianstraße 12, 80539 München"], "de"),
            new("GB", ["+44 740# ######", "+44 741# ######", "+44 742# ######"], ["25 King Street, London EC2V 8AB", "14 Deansgate, Manchester M3 2BW"], "co.uk"),
            new("FR", ["+33 6 ## ## ## ##"], ["15 Rue de la Paix, 75002 Paris", "8 Quai Saint-Antoine, 69002 Lyon"], "fr"),
        ],
        ["North America"] =
        [
            new("US", ["+1 212 5## ####", "+1 415 6## ####", "+1 206 7## ####", "+1 312 4## ####"], ["350 Fifth Avenue, New York, NY 10118", "101 California Street, San Francisco, CA 94111", "400 Pine Street, Seattle, WA 98101"], "com"),
            new("CA", ["+1 604 6## ####", "+1 416 5## ####"], ["1055 West Georgia Street, Vancouver, BC V6E 3P3", "100 King Street West, Toronto, ON M5X 1A9"], "ca"),
        ],
        ["Other"] =
        [
            new("AE", ["+971 50 ### ####", "+971 55 ### ####"], ["Sheikh Zayed Road, Dubai", "Al Maryah Island, Abu Dhabi"], "ae"),
            new("BR", ["+55 11 9#### ####"], ["Avenida Paulista 1000, São Paulo"], "com.br"),
        ],
    };

    /// <summary>Mobile prefixes (first three digits) of mainland carriers.</summary>
    public static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
    ];

    public static readonly string[] PersonalMailDomains = ["163.com", "126.com", "qq.com", "sina.com", "foxmail.com", "outlook.com", "gmail.com", "hotmail.com", "yahoo.com"];

    public static readonly string[] EnglishMailDomains = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com"];

    public static readonly string[] PhoneLabelsMobile = ["Mobile", "Mobile", "Mobile", "手机", "WeChat", "Personal"];

    public static readonly string[] PhoneLabelsLandline = ["Office", "Office", "Work", "办公室", "Home", "Home"];

    public static readonly string[] CompanyLandlineLabels = ["Office", "Office", "Front desk", "总机", "办公室"];

    public static readonly string[] WorkEmailLabels = ["Work", "Work", "Work", "工作邮箱", "Billing"];

    public static readonly string[] PersonalEmailLabels = ["Personal", "Personal", "个人邮箱", "Private"];

    public static readonly DemoProduct[] Products =
    [
        new("工业传感器 S-200", 1280m, 40),
        new("PLC 控制模块 X5", 5600m, 15),
        new("数控主轴维修服务", 8800m, 3),
        new("年度维护合同", 36000m, 1),
        new("Cloud CRM licence (annual, per seat)", 2400m, 60),
        new("Technical training (per person-day)", 3200m, 10, HalfUnits: true),
        new("精密轴承套装", 460m, 150),
        new("安全防护设备", 890m, 60),
        new("Consulting services (person-day)", 6000m, 15, HalfUnits: true),
        new("办公耗材套装", 320m, 80),
        new("Solar inverter 10 kW", 9800m, 10),
        new("冷链物流服务（月度）", 15000m, 6),
        new("医用监护仪 M3", 26000m, 4),
        new("LED 照明改造方案", 48000m, 2),
        new("Spare parts kit", 1500m, 25),
        new("软件实施服务", 12000m, 8),
        new("Extended warranty (3 years)", 4200m, 15),
        new("定制包装设计", 7600m, 4),
        new("Industrial robot arm R-12", 168000m, 2),
        new("企业网络安全评估", 58000m, 1),
    ];

    /// <summary>Interaction summaries and outcomes by kind: (Chinese, English).</summary>
    public static readonly (string Cn, string En)[][] InteractionSummaries =
    [
        // Call
        [
            ("电话沟通新品报价，客户需要内部讨论", "Called about the new price list; they will discuss it internally"),
            ("电话确认交货时间和收货地址", "Phoned to confirm the delivery date and address"),
            ("回访产品使用情况，反馈良好", "Follow-up call on product use; positive feedback"),
            ("电话了解下季度采购计划", "Call about next quarter's purchasing plan"),
            ("催收逾期发票，客户承诺本周付款", "Called about an overdue invoice; payment promised this week"),
        ],
        // Email
        [
            ("发送产品目录和报价单", "Sent the product catalogue and a quotation"),
            ("邮件确认合同条款", "Confirmed the contract terms by e-mail"),
            ("发送年度服务报告", "Sent the annual service report"),
            ("邮件回复技术参数问题", "Answered questions on technical specifications by e-mail"),
        ],
        // Meeting
        [
            ("拜访客户工厂，了解产线需求", "Visited the customer's plant to review line requirements"),
            ("季度业务回顾会议", "Quarterly business review meeting"),
            ("在展会现场洽谈合作", "Met at the trade show to discuss cooperation"),
            ("与采购和技术团队开会讨论方案", "Workshop with their purchasing and engineering teams"),
        ],
        // Chat
        [
            ("微信沟通样品寄送事宜", "WeChat chat about sending samples"),
            ("在线答复售后问题", "Answered an after-sales question over chat"),
            ("微信发送促销活动信息", "Shared the current promotion over WeChat"),
        ],
        // Feedback
        [
            ("客户对售后响应速度表示满意", "Customer praised the after-sales response time"),
            ("客户建议增加英文版说明书", "Customer suggested an English version of the manual"),
            ("客户反馈新版软件界面更易用", "Customer finds the new software version easier to use"),
        ],
        // Complaint
        [
            ("投诉交货延迟三天", "Complaint: delivery three days late"),
            ("投诉发票信息有误", "Complaint: wrong details on the invoice"),
            ("投诉设备安装后出现故障", "Complaint: equipment fault after installation"),
            ("投诉客服电话无人接听", "Complaint: nobody answered the service hotline"),
        ],
    ];

    public static readonly (string Cn, string En)[] Outcomes =
    [
        ("已发送报价", "Quotation sent"),
        ("约定下周再联系", "Follow up next week"),
        ("客户同意试用", "Agreed to a trial"),
        ("问题已解决", "Resolved"),
        ("已转交技术支持", "Passed to technical support"),
        ("等待客户决策", "Waiting for the customer's decision"),
        ("已安排上门拜访", "Site visit scheduled"),
    ];

    public static readonly (string Cn, string En)[] Remarks =
    [
        ("客户偏好下午联系", "Prefers to be called in the afternoon"),
        ("采购决策需经总部审批，周期较长", "Purchases need head-office approval; long decision cycle"),
        ("对价格较敏感，注重售后服务", "Price sensitive; cares about after-sales service"),
        ("预算周期从四月开始", "Budget cycle starts in April"),
        ("在广交会上认识", "Met at the Canton Fair"),
        ("关键联系人第三季度可能调岗", "Key contact may move to a new role in Q3"),
        ("需要中英文双语合同", "Needs contracts in Chinese and English"),
        ("竞争对手近期也在接触该客户", "A competitor has approached them recently"),
        ("春节前后不安排交货", "No deliveries around Chinese New Year"),
        ("老客户介绍，关系良好", "Referred by an existing customer; good relationship"),
    ];

    public static readonly (string Cn, string En)[] RemarkCorrections =
    [
        ("更正：", "Correction: "),
        ("补充：", "Update: "),
    ];

    public static readonly (string Cn, string En)[] SpecialNeeds =
    [
        ("需要开具增值税专用发票", "Needs a special VAT invoice (增值税专用发票)"),
        ("只接受工作日上午来电", "Call only on weekday mornings"),
        ("送货需提前 24 小时预约", "Deliveries must be booked 24 hours ahead"),
        ("需要中英文双语资料", "Needs documents in Chinese and English"),
        ("现场会议需无障碍通道", "Needs step-free access for on-site meetings"),
        ("付款需走月结流程", "Pays on monthly statement only"),
    ];

    /// <summary>Why someone raised a customer's tier above the computed one.</summary>
    public static readonly (string Cn, string En)[] TierUpgradeReasons =
    [
        ("已签下年度框架合同", "Framework contract for next year signed"),
        ("集团总部客户，按集团级别服务", "Part of a group we serve at group level"),
        ("战略合作伙伴，管理层决定", "Strategic partner: management decision"),
        ("大额订单正在审批中", "Large order in approval"),
    ];

    /// <summary>Why someone lowered a customer's tier below the computed one.</summary>
    public static readonly (string Cn, string En)[] TierDowngradeReasons =
    [
        ("长期拖欠货款，暂停优惠", "Payments long overdue; discounts on hold"),
        ("订单已转到集团其他公司", "Orders moved to another company of the group"),
        ("一次性大单，不代表常规需求", "One-off large order, not regular demand"),
        ("关键联系人离职，关系需重建", "Key contact left; relationship being rebuilt"),
    ];
}
