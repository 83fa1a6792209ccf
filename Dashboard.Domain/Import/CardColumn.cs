namespace Dashboard.Domain.Import;

/// <summary>A card field that an import column can fill.</summary>
public enum CardColumn
{
    GivenName,
    Surname,
    Name,
    Company,
    Title,
    Phone,
    Email,
    StreetNumber,
    Address1,
    Address2,
    Suburb,
    Postcode,
    State,
    DateOfBirth,
    Kind,
    Industry,
    Region,
    SourceChannel,
    Interests,
    Tags,
    Owner,
    Stage,
    NextFollowUp,
    SpecialNeeds,

    /// <summary>The card's country (ISO code or name); the row's phones without a country code are read as its numbers.</summary>
    Country,
}

/// <summary>
/// Recognises import columns by their header, in the common English spellings and the usual Chinese headers
/// (姓名, 名, 姓, 公司, 电话/手机, 邮箱, 地址, 邮编, 出生日期). Case, spaces, underscores and hyphens do not matter.
/// </summary>
public static class ColumnMapper
{
    private static readonly Dictionary<string, CardColumn> Spellings = new(StringComparer.Ordinal)
    {
        ["givenname"] = CardColumn.GivenName, ["firstname"] = CardColumn.GivenName, ["forename"] = CardColumn.GivenName, ["名"] = CardColumn.GivenName, ["名字"] = CardColumn.GivenName,
        ["surname"] = CardColumn.Surname, ["lastname"] = CardColumn.Surname, ["familyname"] = CardColumn.Surname, ["姓"] = CardColumn.Surname, ["姓氏"] = CardColumn.Surname,
        ["name"] = CardColumn.Name, ["fullname"] = CardColumn.Name, ["姓名"] = CardColumn.Name, ["客户姓名"] = CardColumn.Name, ["联系人"] = CardColumn.Name,
        ["company"] = CardColumn.Company, ["companyname"] = CardColumn.Company, ["organisation"] = CardColumn.Company, ["organization"] = CardColumn.Company, ["公司"] = CardColumn.Company, ["公司名称"] = CardColumn.Company, ["单位"] = CardColumn.Company,
        ["title"] = CardColumn.Title, ["jobtitle"] = CardColumn.Title, ["职位"] = CardColumn.Title, ["职务"] = CardColumn.Title,
        ["phone"] = CardColumn.Phone, ["phonenumber"] = CardColumn.Phone, ["telephone"] = CardColumn.Phone, ["mobile"] = CardColumn.Phone, ["tel"] = CardColumn.Phone,
        ["电话"] = CardColumn.Phone, ["手机"] = CardColumn.Phone, ["手机号"] = CardColumn.Phone, ["手机号码"] = CardColumn.Phone, ["联系电话"] = CardColumn.Phone,
        ["email"] = CardColumn.Email, ["emailaddress"] = CardColumn.Email, ["mail"] = CardColumn.Email, ["邮箱"] = CardColumn.Email, ["电子邮箱"] = CardColumn.Email, ["电子邮件"] = CardColumn.Email,
        ["streetnumber"] = CardColumn.StreetNumber, ["housenumber"] = CardColumn.StreetNumber, ["门牌号"] = CardColumn.StreetNumber,
        ["address"] = CardColumn.Address1, ["address1"] = CardColumn.Address1, ["streetaddress"] = CardColumn.Address1, ["addr"] = CardColumn.Address1, ["street"] = CardColumn.Address1, ["地址"] = CardColumn.Address1, ["详细地址"] = CardColumn.Address1,
        ["address2"] = CardColumn.Address2, ["addr2"] = CardColumn.Address2,
        ["suburb"] = CardColumn.Suburb, ["city"] = CardColumn.Suburb, ["town"] = CardColumn.Suburb, ["城市"] = CardColumn.Suburb, ["市"] = CardColumn.Suburb,
        ["postcode"] = CardColumn.Postcode, ["zip"] = CardColumn.Postcode, ["zipcode"] = CardColumn.Postcode, ["postalcode"] = CardColumn.Postcode, ["邮编"] = CardColumn.Postcode, ["邮政编码"] = CardColumn.Postcode,
        ["country"] = CardColumn.Country, ["countrycode"] = CardColumn.Country, ["countryregion"] = CardColumn.Country, ["nation"] = CardColumn.Country,
        ["国家"] = CardColumn.Country, ["国家地区"] = CardColumn.Country, ["国家/地区"] = CardColumn.Country, ["国别"] = CardColumn.Country,
        ["state"] = CardColumn.State, ["province"] = CardColumn.State, ["省"] = CardColumn.State, ["省份"] = CardColumn.State,
        ["job"] = CardColumn.Title, ["position"] = CardColumn.Title, ["岗位"] = CardColumn.Title,
        ["mobilephone"] = CardColumn.Phone, ["cellphone"] = CardColumn.Phone, ["cell"] = CardColumn.Phone, ["移动电话"] = CardColumn.Phone, ["座机"] = CardColumn.Phone, ["固定电话"] = CardColumn.Phone,
        ["邮件"] = CardColumn.Email, ["邮件地址"] = CardColumn.Email,
        ["kind"] = CardColumn.Kind, ["type"] = CardColumn.Kind, ["customertype"] = CardColumn.Kind, ["cardkind"] = CardColumn.Kind, ["类型"] = CardColumn.Kind, ["客户类型"] = CardColumn.Kind,
        ["industry"] = CardColumn.Industry, ["sector"] = CardColumn.Industry, ["行业"] = CardColumn.Industry, ["所属行业"] = CardColumn.Industry,
        ["region"] = CardColumn.Region, ["area"] = CardColumn.Region, ["区域"] = CardColumn.Region, ["地区"] = CardColumn.Region, ["大区"] = CardColumn.Region,
        ["source"] = CardColumn.SourceChannel, ["sourcechannel"] = CardColumn.SourceChannel, ["channel"] = CardColumn.SourceChannel, ["leadsource"] = CardColumn.SourceChannel, ["来源"] = CardColumn.SourceChannel, ["渠道"] = CardColumn.SourceChannel, ["客户来源"] = CardColumn.SourceChannel,
        ["interests"] = CardColumn.Interests, ["interest"] = CardColumn.Interests, ["兴趣"] = CardColumn.Interests, ["爱好"] = CardColumn.Interests, ["兴趣爱好"] = CardColumn.Interests,
        ["tags"] = CardColumn.Tags, ["tag"] = CardColumn.Tags, ["labels"] = CardColumn.Tags, ["标签"] = CardColumn.Tags,
        ["owner"] = CardColumn.Owner, ["accountowner"] = CardColumn.Owner, ["salesrep"] = CardColumn.Owner, ["负责人"] = CardColumn.Owner, ["客户经理"] = CardColumn.Owner, ["销售"] = CardColumn.Owner, ["所属销售"] = CardColumn.Owner,
        ["stage"] = CardColumn.Stage, ["lifecyclestage"] = CardColumn.Stage, ["status"] = CardColumn.Stage, ["阶段"] = CardColumn.Stage, ["客户阶段"] = CardColumn.Stage,
        ["nextfollowup"] = CardColumn.NextFollowUp, ["followup"] = CardColumn.NextFollowUp, ["followupdate"] = CardColumn.NextFollowUp, ["下次跟进"] = CardColumn.NextFollowUp, ["下次跟进日期"] = CardColumn.NextFollowUp, ["跟进日期"] = CardColumn.NextFollowUp,
        ["specialneeds"] = CardColumn.SpecialNeeds, ["needs"] = CardColumn.SpecialNeeds, ["特殊需求"] = CardColumn.SpecialNeeds, ["特别需求"] = CardColumn.SpecialNeeds,
        ["dateofbirth"] = CardColumn.DateOfBirth, ["birthdate"] = CardColumn.DateOfBirth, ["dob"] = CardColumn.DateOfBirth, ["birthday"] = CardColumn.DateOfBirth, ["出生日期"] = CardColumn.DateOfBirth, ["生日"] = CardColumn.DateOfBirth,
    };

    /// <summary>The column each recognised header fills, by header index; the first header of a field wins.</summary>
    public static IReadOnlyDictionary<CardColumn, int> Map(IReadOnlyList<string> headers)
    {
        var map = new Dictionary<CardColumn, int>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (Recognise(headers[i]) is { } column)
            {
                map.TryAdd(column, i);
            }
        }

        return map;
    }

    public static CardColumn? Recognise(string header)
    {
        var key = new string(header.Trim().TrimStart('\uFEFF').ToLowerInvariant().Where(c => c is not (' ' or '_' or '-' or '\u3000')).ToArray());
        return Spellings.TryGetValue(key, out var column) ? column : null;
    }
}
