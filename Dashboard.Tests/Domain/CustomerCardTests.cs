using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class CustomerCardTests
{
    private static readonly DateTime Monday = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Creator = Guid.NewGuid();
    private static readonly Guid Colleague = Guid.NewGuid();

    [Fact]
    public void NewCard_GetsItsCodeAndRecordsItsFirstStage()
    {
        var card = NewCard(number: 42, LifecycleStage.New);

        Assert.Equal("C-000042", card.Code);
        Assert.Equal(1, card.Version);
        var first = Assert.Single(card.StageHistory);
        Assert.Equal((null, LifecycleStage.New, Creator, Monday), (first.From, first.To, first.ActorId, first.At));
    }

    [Theory]
    [InlineData(LifecycleStage.Active)]
    [InlineData(LifecycleStage.AtRisk)]
    [InlineData(LifecycleStage.Churned)]
    public void NewCard_CannotStartFurtherAlongThanNew(LifecycleStage stage)
    {
        Assert.Throws<ArgumentException>(() => NewCard(1, stage));
    }

    [Fact]
    public void MovingStage_RecordsFromToActorAndTime_AndBumpsVersion()
    {
        var card = NewCard(1, LifecycleStage.Prospect);
        var later = Monday.AddDays(3);

        card.MoveToStage(LifecycleStage.New, Colleague, later);

        Assert.Equal(LifecycleStage.New, card.Stage);
        Assert.Equal(2, card.Version);
        var move = card.StageHistory[^1];
        Assert.Equal((LifecycleStage.Prospect, LifecycleStage.New, Colleague, later), (move.From, move.To, move.ActorId, move.At));
        Assert.Equal((later, Colleague), (card.UpdatedAt, card.UpdatedBy));
    }

    [Fact]
    public void ForbiddenMove_ThrowsAndChangesNothing()
    {
        var card = NewCard(1, LifecycleStage.Prospect);

        Assert.Throws<InvalidOperationException>(() => card.MoveToStage(LifecycleStage.Active, Colleague, Monday.AddDays(1)));

        Assert.Equal(LifecycleStage.Prospect, card.Stage);
        Assert.Single(card.StageHistory);
        Assert.Equal(1, card.Version);
    }

    [Fact]
    public void EditingARemark_KeepsTheEarlierTextWithItsAuthorAndTime()
    {
        var card = NewCard(1, LifecycleStage.Prospect);
        var remark = card.AddRemark("Prefers calls after 3pm.", Creator, Monday);

        card.EditRemark(remark.Id, "Prefers calls after 4pm.", Colleague, Monday.AddHours(2));
        card.EditRemark(remark.Id, "Prefers WeChat.", Creator, Monday.AddHours(5));

        Assert.Equal(("Prefers WeChat.", Creator, Monday), (remark.Text, remark.AuthorId, remark.CreatedAt));
        Assert.Collection(remark.Versions,
            v => Assert.Equal((1, "Prefers calls after 3pm.", Creator, Monday), (v.Number, v.Text, v.WrittenBy, v.WrittenAt)),
            v => Assert.Equal((2, "Prefers calls after 4pm.", Colleague, Monday.AddHours(2)), (v.Number, v.Text, v.WrittenBy, v.WrittenAt)));
    }

    [Fact]
    public void EveryChange_MovesTheVersionOn()
    {
        var card = NewCard(1, LifecycleStage.Prospect);

        card.AddRemark("Met at trade show.", Creator, Monday);
        card.LogInteraction(InteractionKind.Call, Monday, "Intro call", null, Creator, Monday);
        card.RecordPurchase("Printer", DateOnly.FromDateTime(Monday), 1, 999m, "CNY", Creator, Monday);
        card.SetTier(CustomerTier.A, "Large order", Dashboard.Domain.Review.ReviewGate.GeneratedHistory(card, CustomerTier.A), Creator, Monday);

        Assert.Equal(5, card.Version);
    }

    [Fact]
    public void Snapshot_ShowsContactsPrimaryFirstAndListsSorted()
    {
        var context = new ValidationContextBuilder();
        var draft = CardDraftBuilder.Individual("王小明")
            .WithPhone("13812345678", "Home")
            .WithPhone("13987654321", "Mobile", primary: true)
            .Build();
        var (values, _) = CardDraftValidator.Validate(draft, context.Build());
        var card = CustomerCard.Create(Guid.NewGuid(), 1, values!, LifecycleStage.Prospect, Creator, Monday);

        var snapshot = card.Snapshot();

        Assert.Equal("Mobile: +8613987654321 (primary); Home: +8613812345678", snapshot["Phones"]);
        Assert.Equal("王小明", snapshot["Name"]);
        Assert.Null(snapshot["Emails"]);
    }

    private static CustomerCard NewCard(long number, LifecycleStage stage)
    {
        var owner = new StaffMember(Creator, "owner", "Owner", null, null);
        var context = new ValidationContextBuilder();
        var (values, errors) = CardDraftValidator.Validate(CardDraftBuilder.Individual().Build(), context.Build());
        Assert.Empty(errors);
        return CustomerCard.Create(Guid.NewGuid(), number, values! with { Owner = owner }, stage, Creator, Monday);
    }
}
