using Dashboard.Domain.Audit;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Audit;

/// <summary>The audit trail shows Admins and Auditors that contact details changed, masked; the owning team lead in full.</summary>
public sealed class AuditMaskingTests : ServiceTest
{
    [Fact]
    public async Task AuditorsAndAdmins_SeeContactValuesMasked_TheTeamLeadInFull()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明")
            .WithPhone("138 1234 5678", "Mobile", primary: true).WithEmail("wang.xiaoming@example.com", "Work", primary: true).WithAddress("上海市浦东新区张江路88号"));
        var queries = App.Services.GetRequiredService<AuditTrailQueries>();

        foreach (var reader in new[] { Actors.Auditor, Actors.Admin })
        {
            var created = await CreatedEntryAsync(queries, reader, card.Code);
            var shown = string.Join(" | ", created.Changes.Select(c => $"{c.Field}={c.Before}->{c.After}"));
            Assert.DoesNotContain("12345678", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("wang.xiaoming@", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("张江路", shown, StringComparison.Ordinal);
            Assert.Contains("+86138****5678", shown, StringComparison.Ordinal);
            Assert.Contains("w***@example.com", shown, StringComparison.Ordinal);
            Assert.Contains("王小明", shown, StringComparison.Ordinal);
        }

        var forLead = await CreatedEntryAsync(queries, Actors.TeamLeadEast, card.Code);
        var full = string.Join(" | ", forLead.Changes.Select(c => $"{c.Field}={c.After}"));
        Assert.Contains("+8613812345678", full, StringComparison.Ordinal);
        Assert.Contains("wang.xiaoming@example.com", full, StringComparison.Ordinal);
        Assert.Contains("上海市浦东新区张江路88号", full, StringComparison.Ordinal);
    }

    private static async Task<AuditEntryView> CreatedEntryAsync(AuditTrailQueries queries, Dashboard.Domain.Access.Actor reader, string code)
    {
        var page = await queries.SearchAsync(reader, new AuditTrailFilter(EntityId: code, Action: "card.created"), 0, 10);
        Assert.True(page.Succeeded, TestDashboard.Describe(page));
        return Assert.Single(page.Value!.Items);
    }
}
