using System.Reflection;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Integration.ApiKeys;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Quality;
using Dashboard.Domain.ReferenceData;
using Dashboard.Domain.Review;
using Dashboard.Domain.Tiers;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Audit;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

/// <summary>
/// Hostile input is normal input: every write path that takes text gets the same set. A control character, a NUL or a
/// broken surrogate is refused with an error naming the field and nothing is stored; everything else (HTML, right-to-left
/// marks, emoji, rare CJK, formula prefixes) is stored as typed or refused as too long, again naming the field; and the
/// audit chain verifies after the whole set.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    public static readonly (string Name, string Value, bool Forbidden)[] HostileSet =
    [
        ("NUL", "nul\0probe", true),
        ("bell", "ding\a dong", true),
        ("ANSI escape", "\u001b[31mred", true),
        ("C1 next line", "next\u0085line", true),
        ("DEL", "del\u007f", true),
        ("lone surrogate", "half \uD83D of an emoji", true),
        ("non-character", "x\uFFFF", true),
        ("10 kB", new string('长', 10_240), false),
        ("HTML and script", "<img src=x onerror=alert(1)><script>alert(2)</script>", false),
        ("right-to-left marks", "\u202Egnp.exe\u202C \u200F王", false),
        ("emoji and rare CJK", "🙂 𠮷𪚥 王", false),
        ("formula", "=HYPERLINK(\"http://x\",\"y\")", false),
        ("formula plus", "+1-2", false),
        ("formula at", "@SUM(A1)", false),
        ("tab and line breaks", "line one\r\nline\ttwo", false),
    ];

    private AuditChainDatabase _db = null!;
    private int _calls;

    /// <summary>The domain's commands that take text (as a string or in a draft); each must be in <see cref="WritePaths"/> or <see cref="CoveredElsewhere"/>.</summary>
    public static IEnumerable<string> TextCommands() =>
        typeof(CustomerCardService).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (Type: t, Method: m)))
            .Where(x => IsCommand(x.Method.ReturnType) && x.Method.GetParameters().Any(p => p.ParameterType != typeof(Actor) && CarriesText(p.ParameterType)))
            .Select(x => $"{x.Type.Name}.{x.Method.Name}")
            .Distinct()
            .Order();

    /// <summary>Text commands whose text is checked through another command of the list, with where.</summary>
    private static readonly Dictionary<string, string> CoveredElsewhere = new()
    {
        ["ImportWorkflow.ImportFileAsync"] = "every cell becomes a CardDraft validated like the form: ImportCellWithAControlCharacter_IsReportedAtItsColumn",
        ["CardImportService.ImportAsync"] = "CardRow drafts go through CardDraftValidator, as CustomerCardService.CreateAsync",
        ["TierService.SavePolicyAsync"] = "numbers only",
        ["QualityService.SavePolicyAsync"] = "numbers and field flags only",
        ["MergeService.MergeAsync"] = "picks values of the two cards; no new text",
        ["AuditTrailQueries.SearchAsync"] = "a read: its text is a filter, never stored",
        ["AuditTrailQueries.ListAsync"] = "a read: its text is a filter, never stored",
        ["CardExportService.ExportCardsAsync"] = "a read: its text is the list's filter, never stored (the export is audited with its filter: CardExportTests.AnExport_IsAuditedOnce_WithItsFilterAndRowCount)",
    };

    public async Task InitializeAsync() => _db = await AuditChainDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public void EveryDomainCommandThatTakesText_IsInTheHostileSet()
    {
        var covered = WritePathNames.Concat(CoveredElsewhere.Keys).ToHashSet();

        var missing = TextCommands().Where(c => !covered.Contains(c)).ToList();

        Assert.True(missing.Count == 0, "Add these to the hostile-input set: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryWritePath_RefusesControlCharactersNamingTheField_StoresTheRestAsTyped_AndTheChainVerifies()
    {
        var paths = await WritePathsAsync();
        var failures = new List<string>();
        foreach (var path in paths)
        {
            foreach (var (name, value, forbidden) in HostileSet)
            {
                if (path.Prepare is not null)
                {
                    await path.Prepare();
                }

                var entriesBefore = await CountAsync(db => db.AuditEntries);
                var storedBefore = await LatestAsync(path);
                _db.Clock.Tick();
                var result = await path.Write(value);
                var stored = await LatestAsync(path);
                var what = $"{path.Command} [{path.Field}] with {name}";
                if (forbidden)
                {
                    if (result.Status != CommandStatus.Invalid || !result.Errors.Any(e => e.Field == path.Field && e.Code == TextInput.ControlCharacterCode))
                    {
                        failures.Add($"{what}: expected a refusal of {path.Field}, got {TestDashboard.Describe(result)}");
                    }
                    else if (stored != storedBefore || await CountAsync(db => db.AuditEntries) != entriesBefore)
                    {
                        failures.Add($"{what}: refused, but something was stored");
                    }
                }
                else if (result.Succeeded)
                {
                    var expected = path.Multiline ? TextNormalizer.CleanMultiline(value) : TextNormalizer.Clean(value);
                    if (path.StoredWithin ? stored?.Contains(expected!, StringComparison.Ordinal) != true : stored != expected)
                    {
                        failures.Add($"{what}: stored {Show(stored)} instead of {Show(expected)}");
                    }
                }
                else if (result.Status != CommandStatus.Invalid || result.Errors.Count == 0 || result.Errors.Any(e => e.Field != path.Field))
                {
                    failures.Add($"{what}: a refusal must name {path.Field}, got {TestDashboard.Describe(result)}");
                }
                else if (stored != storedBefore)
                {
                    failures.Add($"{what}: refused, but the value changed");
                }
            }
        }

        var report = await _db.Verifier.CheckAsync();

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(report.IsIntact, report.Describe());
        var nul = "\0";
        Assert.Equal(0, await CountAsync(db => db.Cards.Where(c => c.Name != null && c.Name.Contains(nul))));
    }

    [Fact]
    public async Task AnImportCellWithAControlCharacter_IsReportedAtItsColumn_AndTheOtherRowsImport()
    {
        // (A NUL makes the whole file binary, refused as such: ImportFileReadingTests.)
        var report = await _db.ImportInBulkAsync("姓名,职位\n张伟,采购\n\"esc\u001b[0m\",经理\n李娜,\"ding\a\"\n王芳,总监\n");

        Assert.Equal((4, 2, 2), (report.RowsRead, report.Created, report.Invalid));
        Assert.Equal(
            [(3, "姓名", TextInput.ControlCharacterCode), (4, "职位", TextInput.ControlCharacterCode)],
            report.Errors.Select(e => (e.Row, e.Column, e.Code)).Order());
        Assert.True((await _db.Verifier.CheckAsync()).IsIntact);
    }

    [Fact]
    public async Task APathThatForgetsToCheck_IsStoppedBeforeAnythingIsStored()
    {
        // The backstop behind TextInput: a context asked to store a NUL refuses the whole save.
        await _db.CreateCardAsync(_db.Actors.SalesEast, "王小明");
        await using var db = await _db.Factory.CreateDbContextAsync();
        var card = await db.Cards.FirstAsync();
        db.Entry(card).Property(c => c.Name).CurrentValue = "sneaked\0in";

        var refused = await Assert.ThrowsAsync<StoredTextException>(() => db.SaveChangesAsync());

        Assert.Equal(("CustomerCard", "Name"), (refused.Entity, refused.Property));
        var sneaked = "sneaked\0in";
        Assert.Equal(0, await CountAsync(d => d.Cards.Where(c => c.Name == sneaked)));
    }

    private static readonly string[] WritePathNames =
    [
        "CustomerCardService.CreateAsync", "CustomerCardService.UpdateAsync", "CustomerCardService.LogInteractionAsync",
        "CustomerCardService.RecordPurchaseAsync", "CustomerCardService.AddRemarkAsync", "CustomerCardService.EditRemarkAsync",
        "CustomerCardService.SetTierAsync", "CustomerCardService.ClearTierOverrideAsync", "ReviewService.RejectAsync",
        "ReferenceDataService.AddItemAsync", "ReferenceDataService.RenameItemAsync", "ReferenceDataService.AddTagAsync",
        "CustomFieldService.DefineAsync", "ApiKeyService.CreateAsync", "WebhookService.RegisterAsync", "VerificationService.VerifyAsync",
    ];

    private sealed record WritePath(string Command, string Field, Func<string, Task<CommandResult>> Write, Func<DashboardDbContext, Task<string?>> Latest, bool Multiline = false)
    {
        /// <summary>Sets the stage for one write (not measured).</summary>
        public Func<Task>? Prepare { get; init; }

        /// <summary>The value is stored inside a longer text (an audit summary).</summary>
        public bool StoredWithin { get; init; }
    }

    private async Task<List<WritePath>> WritePathsAsync()
    {
        var sales = _db.Actors.SalesEast;
        var admin = _db.Actors.Admin;
        var cards = _db.Cards;
        var services = _db.Services;
        var card = await _db.CreateCardAsync(sales, "王小明");
        var fieldResult = await services.GetRequiredService<CustomFieldService>().DefineAsync(admin, new CustomFieldDraft { Label = "备注码", Type = CustomFieldType.Text });
        var fieldId = fieldResult.Value;
        var remark = await cards.AddRemarkAsync(sales, card.Id, "第一条");
        Assert.True(remark.Succeeded);
        var remarkId = await Read(db => db.Remarks.Where(r => r.CardId == card.Id).Select(r => r.Id).FirstAsync());
        var region = await services.GetRequiredService<ReferenceDataService>().AddItemAsync(admin, ListKind.Region, "华东测试区");
        var tagGroup = (await services.GetRequiredService<ReferenceDataService>().GetListAsync(ListKind.TagGroup))[0].Id;

        async Task<int> Version() => (await _db.Services.GetRequiredService<CustomerCardQueries>().GetAsync(sales, card.Id)).Value!.Version;
        async Task<CardDetails> Details() => (await _db.Services.GetRequiredService<CustomerCardQueries>().GetAsync(sales, card.Id)).Value!;
        async Task<CommandResult> Edit(Action<CardDraft> change)
        {
            var details = await Details();
            var draft = details.ToDraft();
            change(draft);
            return await cards.UpdateAsync(sales, card.Id, details.DetailsVersion, draft);
        }

        Task<string?> LatestCard(DashboardDbContext db, Func<CustomerCard, string?> field) =>
            db.Cards.AsNoTracking().OrderByDescending(c => c.Number).FirstAsync().ContinueWith(t => field(t.Result), TaskScheduler.Default);

        return
        [
            new("CustomerCardService.CreateAsync", nameof(CardDraft.Name), v => Create(CardDraftBuilder.Individual(v)), db => LatestCard(db, c => c.Name)),
            new("CustomerCardService.CreateAsync", nameof(CardDraft.Company), v => Create(CardDraftBuilder.Company(v)), db => LatestCard(db, c => c.Company)),
            new("CustomerCardService.CreateAsync", nameof(CardDraft.Title), v => Create(CardDraftBuilder.Individual().WithTitle(v)), db => LatestCard(db, c => c.Title)),
            new("CustomerCardService.CreateAsync", nameof(CardDraft.Address), v => Create(CardDraftBuilder.Individual().WithAddress(v)), db => LatestCard(db, c => c.Address), Multiline: true),
            new("CustomerCardService.CreateAsync", nameof(CardDraft.SpecialNeeds), v => Create(CardDraftBuilder.Individual().WithSpecialNeeds(v)), db => LatestCard(db, c => c.SpecialNeeds), Multiline: true),
            new("CustomerCardService.CreateAsync", CardDraft.PhoneField(0), v => Create(CardDraftBuilder.Individual().WithPhone("13812345678", label: v)),
                db => db.ContactPoints.AsNoTracking().Where(p => p.CardId == db.Cards.OrderByDescending(c => c.Number).Select(c => c.Id).First()).Select(p => (string?)p.Label).FirstOrDefaultAsync()),
            new("CustomerCardService.CreateAsync", CardDraft.CustomField(fieldId), v => Create(CardDraftBuilder.Individual().WithCustomField(fieldId, v)),
                db => db.CustomFieldValues.AsNoTracking().Where(v => v.CardId == db.Cards.OrderByDescending(c => c.Number).Select(c => c.Id).First()).Select(v => (string?)v.Value).FirstOrDefaultAsync()),
            new("CustomerCardService.UpdateAsync", nameof(CardDraft.Name), v => Edit(d => d.Name = v), db => db.Cards.Where(c => c.Id == card.Id).Select(c => c.Name).FirstAsync()),
            new("CustomerCardService.LogInteractionAsync", nameof(InteractionDraft.Summary), async v => await cards.LogInteractionAsync(sales, card.Id, new InteractionDraft { Summary = v }),
                db => db.Interactions.AsNoTracking().OrderByDescending(i => i.OccurredAt).Select(i => (string?)i.Summary).FirstOrDefaultAsync(), Multiline: true),
            new("CustomerCardService.LogInteractionAsync", nameof(InteractionDraft.Outcome), async v => await cards.LogInteractionAsync(sales, card.Id, new InteractionDraft { Summary = "电话", Outcome = v }),
                db => db.Interactions.AsNoTracking().OrderByDescending(i => i.OccurredAt).Select(i => i.Outcome).FirstOrDefaultAsync(), Multiline: true),
            new("CustomerCardService.RecordPurchaseAsync", nameof(PurchaseDraft.Product),
                async v => await cards.RecordPurchaseAsync(sales, card.Id, new PurchaseDraft { Product = v, PurchasedOn = new DateOnly(2026, 3, 1), Amount = 10 }),
                db => db.Purchases.AsNoTracking().OrderByDescending(p => p.RecordedAt).Select(p => (string?)p.Product).FirstOrDefaultAsync()),
            new("CustomerCardService.AddRemarkAsync", "Remark", async v => await cards.AddRemarkAsync(sales, card.Id, v),
                db => db.Remarks.AsNoTracking().OrderByDescending(r => r.CreatedAt).Select(r => (string?)r.Text).FirstAsync(), Multiline: true),
            new("CustomerCardService.EditRemarkAsync", "Remark", async v => await cards.EditRemarkAsync(sales, card.Id, remarkId, v),
                db => db.Remarks.AsNoTracking().Where(r => r.Id == remarkId).Select(r => (string?)r.Text).FirstAsync(), Multiline: true),
            new("CustomerCardService.SetTierAsync", "TierReason", async v => await cards.SetTierAsync(sales, card.Id, await Version(), (_calls++ % 2) == 0 ? CustomerTier.VIP : CustomerTier.A, v),
                db => db.Cards.Where(c => c.Id == card.Id).Select(c => c.TierReason).FirstAsync()),
            new("CustomerCardService.ClearTierOverrideAsync", "TierReason", async v => await cards.ClearTierOverrideAsync(sales, card.Id, await Version(), v),
                db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "card.tier-override-cleared").OrderByDescending(a => a.Id).Select(a => a.Summary).FirstOrDefaultAsync())
            {
                Prepare = async () =>
                {
                    var details = await Details();
                    if (details.TierReason is null)
                    {
                        await cards.SetTierAsync(sales, card.Id, details.Version, CustomerTier.B, "准备");
                    }
                },
                StoredWithin = true,
            },
            new("ReviewService.RejectAsync", "Reason", RejectPendingAsync,
                db => db.Set<PendingChange>().AsNoTracking().Where(p => p.Reason != null).OrderByDescending(p => p.DecidedAt).Select(p => p.Reason).FirstOrDefaultAsync())
            {
                Prepare = PendingChangeAsync,
            },
            new("ReferenceDataService.AddItemAsync", "Name", async v => await services.GetRequiredService<ReferenceDataService>().AddItemAsync(admin, ListKind.Industry, v),
                db => db.ListItems.AsNoTracking().Where(i => i.Kind == ListKind.Industry).OrderByDescending(i => i.Id).Select(i => (string?)i.Name).FirstAsync()),
            new("ReferenceDataService.RenameItemAsync", "Name", v => services.GetRequiredService<ReferenceDataService>().RenameItemAsync(admin, region.Value, v),
                db => db.ListItems.AsNoTracking().Where(i => i.Id == region.Value).Select(i => (string?)i.Name).FirstAsync()),
            new("ReferenceDataService.AddTagAsync", "Name", async v => await services.GetRequiredService<ReferenceDataService>().AddTagAsync(admin, v, tagGroup),
                db => db.Tags.AsNoTracking().OrderByDescending(t => t.Id).Select(t => (string?)t.Name).FirstAsync()),
            new("CustomFieldService.DefineAsync", nameof(CustomFieldDraft.Label), async v => await services.GetRequiredService<CustomFieldService>().DefineAsync(admin, new CustomFieldDraft { Label = v }),
                db => db.CustomFields.AsNoTracking().OrderByDescending(f => f.Id).Select(f => (string?)f.Label).FirstAsync()),
            new("ApiKeyService.CreateAsync", nameof(ApiKeyDraft.Name), async v => await services.GetRequiredService<ApiKeyService>().CreateAsync(admin, new ApiKeyDraft { Name = v, Role = Role.SalesManager }),
                db => db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).Select(k => (string?)k.Name).FirstOrDefaultAsync()),
            new("WebhookService.RegisterAsync", nameof(WebhookEndpointDraft.Description),
                async v => await services.GetRequiredService<WebhookService>().RegisterAsync(admin, new WebhookEndpointDraft { Url = "https://hooks.example.com/cards", Description = v, Events = WebhookEvents.All }),
                db => db.WebhookEndpoints.AsNoTracking().OrderByDescending(e => e.CreatedAt).Select(e => e.Description).FirstOrDefaultAsync()),
            new("VerificationService.VerifyAsync", nameof(QualityFields.Name),
                async v => await services.GetRequiredService<VerificationService>().VerifyAsync(sales, card.Id, (await Details()).DetailsVersion,
                    [VerificationItem.ForField(QualityFields.Name, VerificationOutcome.Corrected, VerificationMethod.Phone, v)]),
                db => db.Cards.Where(c => c.Id == card.Id).Select(c => c.Name).FirstAsync()),
        ];

        async Task<CommandResult> Create(CardDraftBuilder draft) => await cards.CreateAsync(sales, draft.Build());
    }

    /// <summary>A card made by a Sales rep under the review queue: a pending change for the team lead to reject.</summary>
    private async Task PendingChangeAsync()
    {
        var review = _db.Services.GetRequiredService<ReviewService>();
        if ((await review.ListPendingAsync(_db.Actors.TeamLeadEast)).Count == 0)
        {
            Assert.True((await review.SetEnabledAsync(_db.Actors.Admin, true)).Succeeded);
            await _db.Cards.CreateAsync(_db.Actors.SalesEast, CardDraftBuilder.Individual("待审客户").Build());
            Assert.True((await review.SetEnabledAsync(_db.Actors.Admin, false)).Succeeded);
        }
    }

    private async Task<CommandResult> RejectPendingAsync(string reason)
    {
        var review = _db.Services.GetRequiredService<ReviewService>();
        var pending = (await review.ListPendingAsync(_db.Actors.TeamLeadEast))[0];
        return await review.RejectAsync(_db.Actors.TeamLeadEast, pending.Id, reason);
    }

    private async Task<string?> LatestAsync(WritePath path)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        return await path.Latest(db);
    }

    private async Task<T> Read<T>(Func<DashboardDbContext, Task<T>> query)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        return await query(db);
    }

    private async Task<int> CountAsync<T>(Func<DashboardDbContext, IQueryable<T>> rows)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        return await rows(db).CountAsync();
    }

    private static string Show(string? text) => text is null ? "null" : text.Length > 40 ? $"\"{text[..40]}…\" ({text.Length} chars)" : $"\"{text}\"";

    private static bool IsCommand(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) && typeof(CommandResult).IsAssignableFrom(type.GetGenericArguments()[0]);

    private static bool CarriesText(Type type) =>
        type == typeof(string)
        || (type.Namespace?.StartsWith("Dashboard.Domain", StringComparison.Ordinal) == true && !type.IsEnum
            && type.GetProperties().Any(p => p.PropertyType == typeof(string) || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericArguments().Any(a => a == typeof(string) || a.Namespace?.StartsWith("Dashboard.Domain", StringComparison.Ordinal) == true))));
}
