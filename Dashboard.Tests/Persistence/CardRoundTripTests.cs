using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.ReferenceData;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Persistence;

public sealed class CardRoundTripTests : ServiceTest
{
    [Fact]
    public async Task FullCard_ReadsBackExactlyAsSaved()
    {
        var contract = await DefineFieldAsync(new CustomFieldDraft { Label = "Contract number", Type = CustomFieldType.Text, IsRequired = true });
        var employees = await DefineFieldAsync(new CustomFieldDraft { Label = "Employees", Type = CustomFieldType.Number, AppliesTo = CardKind.Company });
        var founded = await DefineFieldAsync(new CustomFieldDraft { Label = "Founded", Type = CustomFieldType.Date });
        var size = await DefineFieldAsync(new CustomFieldDraft { Label = "Size", Type = CustomFieldType.SingleChoice, Options = "Small\nMedium\nLarge" });
        var channels = await DefineFieldAsync(new CustomFieldDraft { Label = "Channels", Type = CustomFieldType.MultiChoice, Options = "Phone\nEmail\nWeChat" });
        var individualsOnly = await DefineFieldAsync(new CustomFieldDraft { Label = "Birthday", Type = CustomFieldType.Date, AppliesTo = CardKind.Individual });
        Assert.NotEqual(0, individualsOnly);
        var industry = await App.ListItemIdAsync(ListKind.Industry, "Retail");
        var region = await App.ListItemIdAsync(ListKind.Region, "East China");
        var source = await App.ListItemIdAsync(ListKind.SourceChannel, "Trade show");
        var training = await App.ListItemIdAsync(ListKind.Interest, "Technical training");
        var discounts = await App.ListItemIdAsync(ListKind.Interest, "Discounts & promotions");
        var keyAccount = await App.TagIdAsync("Key account");
        var needsInvoice = await App.TagIdAsync("Needs invoice");
        var followUp = new DateOnly(2026, 3, 16);

        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company(" 上海星辰贸易有限公司 ")
            .WithName("王小明").WithTitle("采购经理")
            .InIndustry(industry).InRegion(region).FromSource(source)
            .WithAddress("上海市浦东新区\n世纪大道 100 号")
            .WithSpecialNeeds("Invoices in English")
            .FollowUpOn(followUp)
            .InStage(LifecycleStage.New)
            .WithInterests(training, discounts)
            .WithTags(keyAccount, needsInvoice)
            .WithPhone("138 1234 5678", "Mobile")
            .WithPhone("+1 (650) 253-0000", "US office", primary: true)
            .WithEmail(" Wang.XM@Example.COM ", "Work")
            .WithEmail("info@例子.中国", "Shop")
            .WithCustomField(contract, " HT-2026-001 ")
            .WithCustomField(employees, "1,200")
            .WithCustomField(founded, "2001-09-30")
            .WithCustomField(size, "large")
            .WithCustomField(channels, "wechat; Phone"));
        var interactionAt = App.Clock.UtcNow.AddHours(-3);
        await Succeed(App.Cards.LogInteractionAsync(SalesEast, card.Id, new InteractionDraft { Kind = InteractionKind.Meeting, OccurredAt = interactionAt, Summary = "Visited the warehouse", Outcome = "Wants a quote" }));
        await Succeed(App.Cards.RecordPurchaseAsync(SalesEast, card.Id, new PurchaseDraft { Product = "Laser printer X200", PurchasedOn = new DateOnly(2026, 2, 27), Quantity = 2.5m, Amount = 12345.67m, Currency = "usd" }));
        App.Clock.Tick();
        var remarkAt = App.Clock.UtcNow;
        await Succeed(App.Cards.AddRemarkAsync(SalesEast, card.Id, "Decision maker is the CFO.\nCall before 11am."));

        var details = await App.GetCardAsync(SalesEast, card.Id);

        Assert.Equal(("C-000001", CardKind.Company, "上海星辰贸易有限公司", "王小明", "采购经理"), (details.Code, details.Kind, details.DisplayName, details.Name, details.Title));
        Assert.Equal((industry, "Retail"), (details.Industry!.Id, details.Industry.Name));
        Assert.Equal(("East China", "Trade show"), (details.Region!.Name, details.SourceChannel!.Name));
        Assert.Equal(("上海市浦东新区\n世纪大道 100 号", "Invoices in English", followUp), (details.Address, details.SpecialNeeds, details.NextFollowUp));
        Assert.Equal((SalesEast.StaffId, "Zhang Wei", Actors.EastTeam), (details.OwnerId, details.OwnerName, details.TeamName));
        Assert.Equal(LifecycleStage.New, details.Stage);
        Assert.Equal(["Discounts & promotions", "Technical training"], details.Interests.Select(i => i.Name).Order());
        Assert.Equal([("Key account", "#1E88E5"), ("Needs invoice", "#43A047")], details.Tags.Select(t => (t.Name, t.Colour)));
        Assert.Equal(
            [("US office", "+1 650-253-0000", true), ("Mobile", "+86 138 1234 5678", false)],
            details.Phones.Select(p => (p.Label, p.Display, p.IsPrimary)));
        Assert.Equal(
            [("Work", "wang.xm@example.com", true), ("Shop", "info@xn--fsqu00a.xn--fiqs8s", false)],
            details.Emails.Select(p => (p.Label, p.Display, p.IsPrimary)));
        Assert.Equal(
            [("Contract number", "HT-2026-001"), ("Employees", "1200"), ("Founded", "2001-09-30"), ("Size", "Large"), ("Channels", "Phone; WeChat")],
            details.CustomFields.Select(f => (f.Label, f.Value)));
        var interaction = Assert.Single(details.Interactions);
        Assert.Equal((InteractionKind.Meeting, interactionAt, "Zhang Wei", "Visited the warehouse", "Wants a quote"), (interaction.Kind, interaction.OccurredAt, interaction.StaffName, interaction.Summary, interaction.Outcome));
        Assert.Equal(DateTimeKind.Utc, interaction.OccurredAt.Kind);
        var purchase = Assert.Single(details.Purchases!);
        Assert.Equal(("Laser printer X200", new DateOnly(2026, 2, 27), 2.5m, 12345.67m, "USD"), (purchase.Product, purchase.PurchasedOn, purchase.Quantity, purchase.Amount, purchase.Currency));
        var remark = Assert.Single(details.Remarks);
        Assert.Equal(("Zhang Wei", remarkAt, "Decision maker is the CFO.\nCall before 11am."), (remark.AuthorName, remark.CreatedAt, remark.Text));
        Assert.Equal(4, details.Version);
    }

    [Fact]
    public async Task ContactPoints_AreStoredInE164AndNormalisedForm()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().WithPhone("0086 13812345678").WithEmail("Wang@Bücher.de"));

        await using var db = App.Database.CreateContext();
        var stored = await db.ContactPoints.Where(p => p.CardId == card.Id).Select(p => new { p.Kind, p.Value }).ToListAsync();

        Assert.Equal(["+8613812345678", "wang@xn--bcher-kva.de"], stored.OrderBy(p => p.Kind).Select(p => p.Value));
    }

    [Fact]
    public async Task EditingAContactNumber_KeepsTheEntry_AndTheRemainingOneBecomesPrimary()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().WithPhone("138 1234 5678", "Mobile").WithPhone("139 8765 4321", "Home"));
        var before = await App.GetCardAsync(SalesEast, card.Id);

        await Succeed(App.EditAsync(SalesEast, card.Id, d =>
        {
            d.Phones.Single(p => p.Label == "Home").Value = "137 0000 1111";
            d.Phones.RemoveAll(p => p.Label == "Mobile");
        }));

        var after = await App.GetCardAsync(SalesEast, card.Id);
        var home = Assert.Single(after.Phones);
        Assert.Equal(before.Phones.Single(p => p.Label == "Home").Id, home.Id);
        Assert.Equal(("+86 137 0000 1111", true), (home.Display, home.IsPrimary));
    }

    [Fact]
    public async Task ClearingListsAndCustomFields_RemovesThemFromTheCard()
    {
        var note = await DefineFieldAsync(new CustomFieldDraft { Label = "Note", Type = CustomFieldType.Text });
        var tag = await App.TagIdAsync("Key account");
        var interest = await App.ListItemIdAsync(ListKind.Interest, "New products");
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().WithTags(tag).WithInterests(interest).WithCustomField(note, "x"));

        await Succeed(App.EditAsync(SalesEast, card.Id, d =>
        {
            d.TagIds.Clear();
            d.InterestIds.Clear();
            d.CustomFields[note] = "  ";
        }));

        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Empty(details.Tags);
        Assert.Empty(details.Interests);
        Assert.Empty(details.CustomFields);
    }

    [Fact]
    public async Task RetiredListEntry_StaysOnTheCardThatHasIt_ButCannotBeChosenAgain()
    {
        var industry = await App.ListItemIdAsync(ListKind.Industry, "Agriculture");
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().InIndustry(industry));
        await Succeed(App.ReferenceData.SetItemActiveAsync(Actors.Admin, industry, active: false));

        var keep = await App.EditAsync(SalesEast, card.Id, d => d.Title = "Farmer");
        var choose = await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual("李雷").InIndustry(industry).Build());

        Assert.True(keep.Succeeded, TestDashboard.Describe(keep));
        Assert.Equal("Agriculture", (await App.GetCardAsync(SalesEast, card.Id)).Industry!.Name);
        Assert.Equal("list.unknown", Assert.Single(choose.ErrorsFor(nameof(CardDraft.IndustryId))).Code);
        Assert.DoesNotContain(await App.ReferenceData.GetListAsync(ListKind.Industry), i => i.Id == industry);
    }

    [Fact]
    public async Task RetiredCustomField_KeepsItsValueWhenTheCardIsEdited()
    {
        var fax = await DefineFieldAsync(new CustomFieldDraft { Label = "Fax", Type = CustomFieldType.Text });
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().WithCustomField(fax, "010 1234 5678"));
        await Succeed(App.CustomFields.SetActiveAsync(Actors.Admin, fax, active: false));

        await Succeed(App.EditAsync(SalesEast, card.Id, d => d.Title = "Buyer"));

        var value = Assert.Single((await App.GetCardAsync(SalesEast, card.Id)).CustomFields);
        Assert.Equal(("Fax", "010 1234 5678"), (value.Label, value.Value));
        var update = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Equal(["Title"], update.Changes.Select(c => c.Field));
    }

    [Fact]
    public async Task RequiredCustomField_IsEnforcedOnCreate()
    {
        var contract = await DefineFieldAsync(new CustomFieldDraft { Label = "Contract number", Type = CustomFieldType.Text, IsRequired = true });

        var result = await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual().Build());

        Assert.Equal("Contract number is required.", Assert.Single(result.ErrorsFor(CardDraft.CustomField(contract))).Message);
    }

    private async Task<int> DefineFieldAsync(CustomFieldDraft draft)
    {
        var result = await App.CustomFields.DefineAsync(Actors.Admin, draft);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value;
    }

    private static async Task Succeed<T>(Task<T> command)
        where T : CommandResult
    {
        var result = await command;
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }
}
