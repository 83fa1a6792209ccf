using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Import;

namespace Dashboard.Tests.Domain.Import;

/// <summary>Which field each column fills: suggestions from English and Chinese headers, the user's choices, and list values by name.</summary>
public sealed class ColumnMappingTests : ImportTest
{
    [Fact]
    public async Task ChineseHeaders_AreRecognised()
    {
        var report = await ImportAsync("客户姓名,手机号码,电子邮箱,公司名称,职务,详细地址,邮编,出生日期,行业,标签,负责人,备用\n张伟,13812345678,zw@example.com,星辰贸易,经理,上海市,200120,1985-04-12,Retail,Key account,Zhang Wei,x\n");

        Assert.Equal(["Name", "Phone", "Email", "Company", "Title", "Address1", "Postcode", "DateOfBirth", "Industry", "Tags", "Owner", null], report.Columns.Select(c => c.Field));
        Assert.All(report.Columns.Where(c => c.Field is not null), c => Assert.True(c.Suggested));
        Assert.Equal("13812345678", report.Columns[1].Sample);
        Assert.Equal(1, report.Created);
        var card = await App.GetCardAsync(SalesEast, (await CardsAsync())[0].Id);
        Assert.Equal(("Retail", "Key account", "Zhang Wei"), (card.Industry?.Name, Assert.Single(card.Tags).Name, card.OwnerName));
    }

    [Fact]
    public async Task TheUsersMapping_OverridesTheSuggestion_AndCanIgnoreAColumn()
    {
        var mapping = new Dictionary<string, string?> { ["联系方式"] = "Phone", ["备注"] = "SpecialNeeds", ["职位"] = null };

        var report = await ImportAsync("姓名,联系方式,备注,职位\n张伟,13812345678,只在上午联系,经理\n", new ImportRequest { Mapping = mapping });

        Assert.Equal(["Name", "Phone", "SpecialNeeds", null], report.Columns.Select(c => c.Field));
        Assert.False(report.Columns[1].Suggested);
        var card = (await CardsAsync())[0];
        Assert.Equal(("只在上午联系", null), (card.SpecialNeeds, card.Title));
    }

    [Theory]
    [InlineData("Phone", "Shoe size", "import.unknown-field")]
    [InlineData("手机", "Phone", "import.unknown-column")]
    public async Task AMappingThatCannotBeUsed_IsRefused(string header, string field, string code)
    {
        var mapping = new Dictionary<string, string?> { [header] = field };

        var result = await TryImportAsync(TeamLead, "Name,Phone\n张伟,13812345678\n", new ImportRequest { Mapping = mapping });

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(code, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task MappingTwoColumnsToOneField_IsRefused_ButTwoPhoneColumnsAddTwoPhones()
    {
        var twice = await TryImportAsync(TeamLead, "A,B\nx,y\n", new ImportRequest { Mapping = new Dictionary<string, string?> { ["A"] = "Name", ["B"] = "Name" } });
        var report = await ImportAsync("姓名,手机,座机\n张伟,13812345678,021-6234-5678\n");

        Assert.Equal("import.field-twice", Assert.Single(twice.Errors).Code);
        Assert.Equal(2, (await CardsAsync())[0].ContactPoints.Count);
        Assert.Equal(1, report.Created);
    }

    [Fact]
    public async Task ListValuesAreMatchedByName_AndAnUnknownOneIsACellError()
    {
        var report = await ImportAsync("Name,Industry,Region,Source,Tags\n张伟,retail,East China,WeChat,Key account; Price sensitive\n李娜,Space mining,East China,,\n");

        Assert.Equal((1, 1), (report.Created, report.Invalid));
        var error = Assert.Single(report.Errors);
        Assert.Equal(("Industry", "Space mining", "list.unknown"), (error.Column, error.Value, error.Code));
        var card = await App.GetCardAsync(SalesEast, (await CardsAsync())[0].Id);
        Assert.Equal(("Retail", "East China", "WeChat", 2), (card.Industry?.Name, card.Region?.Name, card.SourceChannel?.Name, card.Tags.Count));
    }

    [Fact]
    public async Task ACustomField_IsSuggestedByItsLabel_AndValidatedLikeOnTheForm()
    {
        var defined = await App.CustomFields.DefineAsync(Actors.Admin, new CustomFieldDraft { Label = "Loyalty level", Type = CustomFieldType.SingleChoice, Options = "Silver\nGold", IsRequired = true });
        Assert.True(defined.Succeeded);

        var report = await ImportAsync("Name,Loyalty level\n张伟,Gold\n李娜,Platinum\n王芳,\n");

        Assert.Equal(ImportFields.CustomKey(defined.Value), report.Columns[1].Field);
        Assert.Equal((1, 2), (report.Created, report.Invalid));
        Assert.Equal(["Platinum", null], report.Errors.Select(e => e.Value));
        Assert.All(report.Errors, e => Assert.Equal(("Loyalty level", "custom.invalid"), (e.Column, e.Code)));
    }

    [Fact]
    public async Task AStageANewCardCannotStartIn_IsACellError()
    {
        var report = await ImportAsync("Name,Stage\n张伟,New\n李娜,Churned\n");

        Assert.Equal((1, 1), (report.Created, report.Invalid));
        Assert.Equal(("Stage", "stage.initial"), (report.Errors[0].Column, report.Errors[0].Code));
    }

    [Fact]
    public void EveryBuiltInField_HasAKeyTheMappingAccepts()
    {
        foreach (var field in ImportFields.All([]))
        {
            Assert.True(ImportFields.TryParse(field.Key, out var column, out _), field.Key);
            Assert.NotNull(column);
        }
    }
}
