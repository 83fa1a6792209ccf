using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Persistence;

/// <summary>Every write validates, authorises, saves with its audit entry and then tells open screens.</summary>
public sealed class WritePathTests : ServiceTest
{
    private readonly List<CardChange> _published = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.Notifier.Changed += _published.Add;
    }

    [Fact]
    public async Task CreatingCard_RecordsWhoCreatedItAndEveryFilledField()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual(" 王小明 ").WithPhone("138 1234 5678").WithTitle("Buyer"));

        var entry = Assert.Single(await App.AuditTrailAsync(card.Code));

        Assert.Equal(("card.created", "CustomerCard", "Zhang Wei", App.Clock.UtcNow), (entry.Action, entry.EntityType, entry.ActorName, entry.At));
        Assert.Contains(new FieldChange("Name", null, "王小明"), entry.Changes);
        Assert.Contains(new FieldChange("Title", null, "Buyer"), entry.Changes);
        Assert.Contains(new FieldChange("Phones", null, "Mobile: +8613812345678 (primary)"), entry.Changes);
        Assert.Contains(new FieldChange("Stage", null, "Prospect"), entry.Changes);
        Assert.DoesNotContain(entry.Changes, c => c.Field == "Address");
    }

    [Fact]
    public async Task FirstSignInOfAPerson_CreatesTheirStaffRecordOnceAndAuditsIt()
    {
        var directory = App.Staff;

        var first = await directory.EnsureAsync("entra-oid-42", "Chen Jing", "chen.jing@example.com", "East Team");
        var again = await directory.EnsureAsync("entra-oid-42", "Chen Jing", "chen.jing@example.com", "East Team");

        Assert.Equal(first.Id, again.Id);
        var entry = Assert.Single(await App.AuditTrailAsync("entra-oid-42"));
        Assert.Equal(("staff.linked", "Chen Jing"), (entry.Action, entry.ActorName));
        Assert.Contains(new FieldChange("Team", null, "East Team"), entry.Changes);
    }

    [Fact]
    public async Task UpdatingCard_RecordsOnlyTheChangedFieldsWithBeforeAndAfter()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678").WithTitle("Buyer"));

        var result = await App.EditAsync(SalesEast, card.Id, d =>
        {
            d.Title = "Head buyer";
            d.Phones[0].Value = "139 8765 4321";
        });

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        var entry = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Equal(("card.updated", "Zhang Wei"), (entry.Action, entry.ActorName));
        Assert.Equal(
            [new FieldChange("Title", "Buyer", "Head buyer"), new FieldChange("Phones", "Mobile: +8613812345678 (primary)", "Mobile: +8613987654321 (primary)")],
            entry.Changes);
    }

    [Fact]
    public async Task SavingUnchangedCard_KeepsTheVersionAndWritesNoAuditEntry()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678"));

        var result = await App.EditAsync(SalesEast, card.Id, d => d.Name = "  王小明 ");

        Assert.Equal(card.Version, result.Value);
        Assert.Equal(card.Version, (await App.GetCardAsync(SalesEast, card.Id)).Version);
        Assert.Single(await App.AuditTrailAsync(card.Code));
        Assert.Equal([CardChangeKind.Created], _published.Select(c => c.Kind));
    }

    [Fact]
    public async Task CreatingCard_WithMalformedPhone_ReturnsFieldErrorAndSavesNothing()
    {
        var result = await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual().WithPhone("12345").Build());

        Assert.Equal(CommandStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((CardDraft.PhoneField(0), "phone.invalid"), (error.Field, error.Code));
        Assert.Equal(0, (await App.Queries.ListAsync(Actors.SalesManager, new CardListQuery())).TotalCount);
        Assert.DoesNotContain(await App.AuditTrailAsync(), e => e.EntityType == "CustomerCard");
        Assert.Equal(0, await App.CountAsync(db => db.ContactPoints));
    }

    [Fact]
    public async Task CreatingCard_WithSeveralProblems_ReportsEachOnItsField()
    {
        var result = await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual(name: null).WithEmail("wang@").InIndustry(99999).Build());

        Assert.Equal(
            [nameof(CardDraft.Name), nameof(CardDraft.IndustryId), CardDraft.EmailField(0)],
            result.Errors.Select(e => e.Field));
        Assert.Equal(0, await App.CountAsync(db => db.Cards));
    }

    [Fact]
    public async Task UpdatingCard_WithInvalidEmail_ReturnsFieldErrorAndChangesNothing()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithEmail("wang@example.com"));

        var result = await App.EditAsync(SalesEast, card.Id, d =>
        {
            d.Name = "王大明";
            d.Emails[0].Value = "wang at example.com";
        });

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal("email.invalid", Assert.Single(result.ErrorsFor(CardDraft.EmailField(0))).Code);
        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal(("王小明", "wang@example.com", card.Version), (details.Name, details.Emails[0].Display, details.Version));
        Assert.Single(await App.AuditTrailAsync(card.Code));
    }

    [Fact]
    public async Task InvalidInteraction_ReportsFieldsAndLogsNothing()
    {
        var card = await App.CreateCardAsync(SalesEast);

        var result = await App.Cards.LogInteractionAsync(SalesEast, card.Id, new InteractionDraft { Summary = "  ", OccurredAt = App.Clock.UtcNow.AddDays(1) });

        Assert.Equal(
            [(nameof(InteractionDraft.Summary), "interaction.summary-required"), (nameof(InteractionDraft.OccurredAt), "interaction.future")],
            result.Errors.Select(e => (e.Field, e.Code)));
        Assert.Empty((await App.GetCardAsync(SalesEast, card.Id)).Interactions);
    }

    [Fact]
    public async Task InvalidPurchase_ReportsEachFieldAndRecordsNothing()
    {
        var card = await App.CreateCardAsync(SalesEast);

        var result = await App.Cards.RecordPurchaseAsync(SalesEast, card.Id, new PurchaseDraft
        {
            Product = null,
            PurchasedOn = App.Clock.Today.AddDays(10),
            Quantity = 0,
            Amount = -1,
            Currency = "RMB",
        });

        Assert.Equal(
            ["purchase.product-required", "purchase.future", "purchase.quantity", "purchase.amount", "purchase.currency"],
            result.Errors.Select(e => e.Code));
        Assert.Empty((await App.GetCardAsync(SalesEast, card.Id)).Purchases!);
    }

    [Fact]
    public async Task TierSetByHand_NeedsAReasonAndIsAudited()
    {
        var card = await App.CreateCardAsync(SalesEast);

        var noReason = await App.Cards.SetTierAsync(SalesEast, card.Id, card.Version, CustomerTier.VIP, "  ");
        var withReason = await App.Cards.SetTierAsync(SalesEast, card.Id, card.Version, CustomerTier.VIP, "Signed framework contract");

        Assert.Equal("tier.reason-required", Assert.Single(noReason.Errors).Code);
        Assert.True(withReason.Succeeded);
        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal((CustomerTier.VIP, "Signed framework contract"), (details.Tier, details.TierReason));
        var entry = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Contains(new FieldChange("Tier", null, "VIP"), entry.Changes);
    }

    [Fact]
    public async Task SettingTheTierItAlreadyHas_IsRefusedAndWritesNothing()
    {
        var card = await App.CreateCardAsync(SalesEast);
        var set = await App.Cards.SetTierAsync(SalesEast, card.Id, card.Version, CustomerTier.A, "Large orders");

        var again = await App.Cards.SetTierAsync(SalesEast, card.Id, set.Value, CustomerTier.A, "Still large orders");

        Assert.Equal("tier.unchanged", Assert.Single(again.Errors).Code);
        Assert.Equal("Large orders", (await App.GetCardAsync(SalesEast, card.Id)).TierReason);
        Assert.Single(await App.AuditTrailAsync(card.Code), e => e.Action == "card.tier-set");
    }

    [Fact]
    public async Task SuccessfulSaves_AreAnnouncedAfterTheyCommit()
    {
        var card = await App.CreateCardAsync(SalesEast);
        var createdAt = App.Clock.UtcNow;
        var updated = await App.EditAsync(SalesEast, card.Id, d => d.Title = "Buyer");
        var updatedAt = App.Clock.UtcNow;

        Assert.Equal(
            [
                new CardChange(card.Id, "C-000001", CardChangeKind.Created, SalesEast.StaffId, 1, createdAt),
                new CardChange(card.Id, "C-000001", CardChangeKind.Updated, SalesEast.StaffId, 2, updatedAt),
            ],
            _published);
        Assert.Equal(2, updated.Value);
    }

    [Fact]
    public async Task EachKindOfWrite_IsAnnouncedWithItsKind()
    {
        var card = await App.CreateCardAsync(SalesEast);
        await App.Cards.ChangeStageAsync(SalesEast, card.Id, 1, LifecycleStage.New);
        await App.Cards.LogInteractionAsync(SalesEast, card.Id, new InteractionDraft { Summary = "Intro call" });
        await App.Cards.RecordPurchaseAsync(SalesEast, card.Id, new PurchaseDraft { Product = "Printer", PurchasedOn = App.Clock.Today, Amount = 1m });
        await App.Cards.AddRemarkAsync(SalesEast, card.Id, "Met at trade show");

        Assert.Equal(
            [CardChangeKind.Created, CardChangeKind.StageChanged, CardChangeKind.InteractionLogged, CardChangeKind.PurchaseRecorded, CardChangeKind.RemarkAdded],
            _published.Select(c => c.Kind));
        Assert.Equal([1, 2, 3, 4, 5], _published.Select(c => c.Version));
    }

    [Fact]
    public async Task FailedSaves_AreNotAnnounced()
    {
        var card = await App.CreateCardAsync(SalesEast);
        _published.Clear();

        await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual(name: null).Build());
        await App.EditAsync(Actors.SalesWest, card.Id, d => d.Title = "Not mine", openedBy: SalesEast);
        await App.EditAsync(SalesEast, card.Id, d => d.Phones.Add(new ContactPointDraft { Value = "12345" }));
        await App.Cards.ChangeStageAsync(SalesEast, card.Id, card.Version, LifecycleStage.Active);
        await App.Cards.ChangeStageAsync(SalesEast, card.Id, card.Version + 7, LifecycleStage.New);

        Assert.Empty(_published);
    }

    [Fact]
    public async Task FailingSubscriber_DoesNotFailTheSave()
    {
        App.Notifier.Changed += _ => throw new InvalidOperationException("A broken dashboard circuit");

        var result = await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual().Build());

        Assert.True(result.Succeeded);
        Assert.Single(_published);
        Assert.Equal(1, await App.CountAsync(db => db.Cards));
    }
}
