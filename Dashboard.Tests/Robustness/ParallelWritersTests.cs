using System.Collections.Concurrent;
using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Backups;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Robustness;

/// <summary>
/// Twenty people saving one card at the same moment through the domain services, over a real SQLite file: every
/// interaction and every field change arrives; a save that raced another is refused as a conflict (and applied again
/// on the fresh card), never silently lost or overwritten.
/// </summary>
public sealed class ParallelWritersTests : IAsyncLifetime
{
    private const int Writers = 20;
    private FileDashboard _app = null!;

    public async Task InitializeAsync() => _app = await FileDashboard.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TwentyWritersOnOneCard_LoseNoInteractionAndNoFieldChange()
    {
        var fields = new List<int>();
        var customFields = _app.Services.GetRequiredService<CustomFieldService>();
        for (var i = 1; i <= Writers; i++)
        {
            var defined = await customFields.DefineAsync(_app.Actors.Admin, new CustomFieldDraft { Label = $"Detail {i:D2}", Type = CustomFieldType.Text });
            Assert.True(defined.Succeeded, TestDashboard.Describe(defined));
            fields.Add(defined.Value);
        }

        var card = (await _app.Cards.CreateAsync(_app.Actors.SalesEast, CardDraftBuilder.Individual("Busy Customer").OwnedBy(_app.Actors.SalesEast).Build())).Value!;
        var queries = _app.Services.GetRequiredService<CustomerCardQueries>();
        var editors = new[] { _app.Actors.SalesEast, _app.Actors.SalesEastColleague, _app.Actors.TeamLeadEast };
        var conflicts = new ConcurrentBag<string>();
        using var start = new ManualResetEventSlim();

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var actor = editors[w % editors.Length];
            start.Wait();
            var logged = await RetryOnConflictAsync(() => _app.Cards.LogInteractionAsync(actor, card.Id, new InteractionDraft { Summary = $"Call from writer {w:D2}" }), conflicts);
            Assert.True(logged.Succeeded, TestDashboard.Describe(logged));

            // Re-read and re-apply on every conflict, as the edit form's user would after reloading.
            var saved = await RetryOnConflictAsync(async () =>
            {
                var details = (await queries.GetAsync(actor, card.Id)).Value!;
                var draft = details.ToDraft();
                draft.CustomFields[fields[w]] = $"Set by writer {w:D2}";
                return await _app.Cards.UpdateAsync(actor, card.Id, details.DetailsVersion, draft);
            }, conflicts);
            Assert.True(saved.Succeeded, TestDashboard.Describe(saved));
        })).ToList();
        start.Set();
        await Task.WhenAll(writers);

        var final = (await queries.GetAsync(_app.Actors.SalesEast, card.Id)).Value!;
        Assert.Equal(
            Enumerable.Range(0, Writers).Select(w => $"Set by writer {w:D2}"),
            fields.Select(id => final.CustomFields.Single(v => v.FieldId == id).Value));
        await using var db = _app.CreateContext();
        var interactions = await db.Interactions.Where(i => i.CardId == card.Id).Select(i => i.Summary).ToListAsync();
        Assert.Equal(Enumerable.Range(0, Writers).Select(w => $"Call from writer {w:D2}"), interactions.Order(StringComparer.Ordinal));
        var audit = await db.AuditEntries.Where(e => e.EntityId == card.Code).Select(e => e.Action).ToListAsync();
        Assert.Equal(Writers, audit.Count(a => a == "card.interaction-logged"));
        Assert.Equal(Writers, audit.Count(a => a == "card.updated"));
        // Whether the writers collided depends on timing; when they did, each was told, never silently overwritten.
        Assert.All(conflicts, message => Assert.StartsWith("Someone else saved this card", message, StringComparison.Ordinal));
    }

    private static async Task<CommandResult<int>> RetryOnConflictAsync(Func<Task<CommandResult<int>>> save, ConcurrentBag<string> conflicts)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await save();
            if (result.Status != CommandStatus.Conflict || attempt == 200)
            {
                return result;
            }

            conflicts.Add(result.Message ?? string.Empty);
            await Task.Delay(Random.Shared.Next(1, 10));
        }
    }
}
