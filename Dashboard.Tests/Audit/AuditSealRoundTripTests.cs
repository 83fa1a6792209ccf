using Dashboard.Domain.Audit;

namespace Dashboard.Tests.Audit;

/// <summary>
/// The seal covers the bytes SQLite stores, whatever they are: no text the database can hold makes an untouched entry
/// verify as changed (a NUL once broke the chain for good at the entry that held it).
/// </summary>
public sealed class AuditSealRoundTripTests : IAsyncLifetime
{
    private AuditChainDatabase _db = null!;

    public static TheoryData<string> StoredTexts => new()
    {
        "nul\0probe",
        "\0",
        "ends with nul\0",
        "bell\a escape\u001b delete\u007f c1\u0085\u009f",
        "lone high \uD800 and low \uDC00 surrogates",
        "emoji 🙂 and rare 𠮷𪚥 CJK",
        "rtl \u202Eevil\u202C and \u200F marks",
        "<img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://x\")",
        new string('长', 10_000),
    };

    public async Task InitializeAsync() => _db = await AuditChainDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [MemberData(nameof(StoredTexts))]
    public async Task AnEntryHoldingAnyText_VerifiesAsWritten(string text)
    {
        await _db.CreateCardAsync(_db.Actors.SalesEast, "之前");
        await _db.InsertAuditEntryAsync(text, text[..Math.Min(text.Length, 60)], text, System.Text.Json.JsonSerializer.Serialize(new[] { new FieldChange("Name", text, text + "!") }));

        await _db.CreateCardAsync(_db.Actors.SalesEast, "之后");

        var report = await _db.Verifier.CheckAsync();

        Assert.True(report.IsIntact, report.Describe());
    }
}
