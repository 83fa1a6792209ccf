using Dashboard.Domain.Audit;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Audit;

/// <summary>The audit viewer's filters: actor, action, record and date range, combined.</summary>
public sealed class AuditTrailFilterTests : ServiceTest
{
    [Fact]
    public async Task Filters_ByActorActionRecordAndDates_ShowOnlyMatchingEntries()
    {
        var first = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明"));
        var day1 = App.Clock.UtcNow;
        App.Clock.Advance(TimeSpan.FromDays(2));
        var second = await App.CreateCardAsync(Actors.SalesEastColleague, CardDraftBuilder.Individual("李雷"));
        await App.EditAsync(SalesEast, first.Id, d => d.Title = "Buyer");

        var byActor = await SearchAsync(new AuditTrailFilter(Actor: "zhang"));
        var byAction = await SearchAsync(new AuditTrailFilter(Action: "card.created"));
        var byRecordAndAction = await SearchAsync(new AuditTrailFilter(Action: "card.updated", EntityId: first.Code));
        var byDates = await SearchAsync(new AuditTrailFilter(FromUtc: day1.Date, ToUtc: day1.Date.AddDays(1)));
        var actions = await App.Audit.ActionsAsync(Actors.Auditor);

        Assert.All(byActor, e => Assert.Equal("Zhang Wei", e.ActorName));
        Assert.Contains(byActor, e => e.Action == "card.created" && e.EntityId == first.Code);
        Assert.Contains(byActor, e => e.Action == "card.updated" && e.EntityId == first.Code);
        Assert.DoesNotContain(byActor, e => e.EntityId == second.Code);
        Assert.Equal([second.Code, first.Code], byAction.Select(e => e.EntityId));
        Assert.Equal("Buyer", Assert.Single(byRecordAndAction).Changes.Single(c => c.Field == "Title").After);
        Assert.Contains(byDates, e => e.EntityId == first.Code);
        Assert.All(byDates, e => Assert.Equal(day1.Date, e.At.Date));
        Assert.DoesNotContain(byDates, e => e.EntityId == second.Code);
        Assert.Contains("card.created", actions);
        Assert.Contains("card.updated", actions);
        Assert.Equal(actions.Order(StringComparer.Ordinal).Distinct(), actions);
    }

    [Fact]
    public async Task ATeamLead_FindsOnlyTheirTeamsCards_WhateverTheFilter()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明"));
        var west = await App.CreateCardAsync(Actors.SalesWest, CardDraftBuilder.Individual("陈杰"));

        var result = await App.Audit.SearchAsync(Actors.TeamLeadEast, new AuditTrailFilter(Action: "card.created"), 0, 50);
        var westOnly = await App.Audit.SearchAsync(Actors.TeamLeadEast, new AuditTrailFilter(EntityId: west.Code), 0, 50);

        Assert.Single(result.Value!.Items);
        Assert.Empty(westOnly.Value!.Items);
    }

    private async Task<IReadOnlyList<AuditEntryView>> SearchAsync(AuditTrailFilter filter)
    {
        var result = await App.Audit.SearchAsync(Actors.Auditor, filter, 0, 50);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!.Items;
    }
}
