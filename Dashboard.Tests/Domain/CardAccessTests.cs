using Dashboard.Domain.Access;

namespace Dashboard.Tests.Domain;

/// <summary>The C5 permission matrix for one card owned by an East team member.</summary>
public sealed class CardAccessTests
{
    private static readonly Guid EastTeam = Guid.NewGuid();
    private static readonly Guid WestTeam = Guid.NewGuid();
    private static readonly Actor Owner = Make(Role.Sales, EastTeam);
    private static readonly Guid OwnerId = Owner.StaffId;

    public static TheoryData<Role, bool, bool, bool, bool> Matrix => new()
    {
        // role, same team?, view, edit, see contacts unmasked
        { Role.Sales, true, true, true, true },
        { Role.Sales, false, false, false, false },
        { Role.TeamLead, true, true, true, true },
        { Role.TeamLead, false, false, false, false },
        { Role.SalesManager, false, true, false, false },
        { Role.Admin, false, true, false, false },
        { Role.Finance, false, false, false, false },
        { Role.Auditor, false, false, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void CardRights_FollowTheMatrix(Role role, bool sameTeam, bool view, bool edit, bool unmasked)
    {
        var actor = Make(role, sameTeam ? EastTeam : WestTeam);

        Assert.Equal(view, CardAccess.CanViewCard(actor, OwnerId, EastTeam));
        Assert.Equal(edit, CardAccess.CanEditCard(actor, OwnerId, EastTeam));
        Assert.Equal(unmasked, CardAccess.CanSeeContactsUnmasked(actor, OwnerId, EastTeam));
    }

    [Fact]
    public void SalesWithoutTeam_StillOwnsTheirOwnCards()
    {
        var loner = Make(Role.Sales, null);

        Assert.True(CardAccess.CanEditCard(loner, loner.StaffId, null));
        Assert.False(CardAccess.CanEditCard(loner, OwnerId, null));
    }

    [Theory]
    [InlineData(Role.Sales, true)]
    [InlineData(Role.TeamLead, false)]
    [InlineData(Role.Finance, true)]
    [InlineData(Role.SalesManager, false)]
    [InlineData(Role.Admin, false)]
    [InlineData(Role.Auditor, false)]
    public void RecordingPurchases_IsForSalesOnTheirCardsAndFinance(Role role, bool allowed)
    {
        Assert.Equal(allowed, CardAccess.CanRecordPurchase(Make(role, EastTeam), OwnerId, EastTeam));
    }

    [Theory]
    [InlineData(Role.Admin, true)]
    [InlineData(Role.Auditor, true)]
    [InlineData(Role.TeamLead, true)]
    [InlineData(Role.Sales, false)]
    [InlineData(Role.SalesManager, false)]
    [InlineData(Role.Finance, false)]
    public void ReadingTheAuditTrail_FollowsTheMatrix(Role role, bool allowed)
    {
        Assert.Equal(allowed, CardAccess.CanReadAudit(Make(role, EastTeam)));
    }

    [Fact]
    public void Assigning_IsLimitedToSelfAndOwnTeam()
    {
        var rep = Make(Role.Sales, EastTeam);

        Assert.True(CardAccess.CanAssignTo(rep, rep.StaffId, EastTeam));
        Assert.True(CardAccess.CanAssignTo(rep, Guid.NewGuid(), EastTeam));
        Assert.False(CardAccess.CanAssignTo(rep, Guid.NewGuid(), WestTeam));
        Assert.False(CardAccess.CanAssignTo(rep, Guid.NewGuid(), null));
    }

    [Fact]
    public void SystemActor_HasNoRights()
    {
        Assert.False(CardAccess.CanViewCard(Actor.System, OwnerId, EastTeam));
        Assert.False(CardAccess.CanCreateCards(Actor.System));
        Assert.False(CardAccess.CanConfigure(Actor.System));
    }

    private static Actor Make(Role role, Guid? team) => new(Guid.NewGuid(), role.ToString(), new HashSet<Role> { role }, team);
}
