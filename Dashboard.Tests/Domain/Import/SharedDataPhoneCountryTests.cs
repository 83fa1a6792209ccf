using System.Text.RegularExpressions;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Import;
using Dashboard.Tests.Domain.Duplicates;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain.Import;

/// <summary>
/// Issue 14 on the public data in <c>../shared/data/personaldata</c> (American, Faker-generated, phones in many formats,
/// no country column), imported into an app whose default phone region is CN as shipped. None of these people is
/// Chinese: no number written the American way may be stored under +86, and with the
/// default region US every phone kept is a +1 number (or, typed with +, its own country's). The counts of phones kept are
/// written to the test output.
/// </summary>
public sealed partial class SharedDataPhoneCountryTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private TestDashboard _app = null!;

    public async Task InitializeAsync() => _app = await TestDashboard.StartAsync(defaultPhoneRegion: "CN");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// Without any country the default region (CN) reads the phones, but a valid US number written the American way —
    /// "(415)555-5938", "415-555-5938", "415.555.5938", 10 digits without the Chinese trunk prefix 0 — is refused naming
    /// both countries instead of being stored as the Chinese landline +86 415 555 5938 (the finding of issue 14). Numbers
    /// that are valid only as Chinese ("950-497-5104", a Chinese service number; "02986263244", a Xi'an landline) are
    /// Chinese numbers as far as anyone can tell without a country.
    /// </summary>
    [Theory]
    [InlineData("personaldata1000A.csv")]
    [InlineData("personaldata1000B.csv")]
    public async Task AmericanList_UnderTheChineseDefault_StoresNoAmericanWrittenNumberAsPlus86(string file)
    {
        var report = await ImportAsync(file, null);

        var phones = await PhonesAsync();
        output.WriteLine($"{file}, no region: {report.Created} cards, {phones.Count} phones kept ({phones.Count(p => p.StartsWith("+86", StringComparison.Ordinal))} as +86), {report.Invalid} rows refused");
        var americanWritten = Cells(file).Where(c => AmericanWritten().IsMatch(c) && PhoneNumber.NormalizeOrNull(c, "US") is not null).Select(c => "+86" + new string(c.Split('x')[0].Where(char.IsAsciiDigit).ToArray())).ToHashSet();
        Assert.True(americanWritten.Count > 100, $"{americanWritten.Count} valid American-written numbers in the file");
        var wrong = phones.Where(americanWritten.Contains).ToList();
        Assert.True(wrong.Count == 0, string.Join(", ", wrong));
        Assert.Contains(report.Errors, e => e.Code == PhoneNumber.OtherCountryCode && e.Message.Contains("United States (US)", StringComparison.Ordinal));
    }

    /// <summary>With the import's default region US every phone kept is a +1 number, or the number of the country its cell names with "+".</summary>
    [Theory]
    [InlineData("personaldata1000A.csv", 280)]
    [InlineData("personaldata1000B.csv", 358 - 104)]
    public async Task AmericanList_WithDefaultRegionUs_KeepsEveryValidNumber_UnderItsOwnCountry(string file, int phonesExpected)
    {
        var report = await ImportAsync(file, "US");

        var phones = await PhonesAsync();
        output.WriteLine($"{file}, region US: {report.Created} cards, {phones.Count} phones kept ({phones.Count(p => p.StartsWith("+1", StringComparison.Ordinal))} as +1), {report.Invalid} rows refused");
        // "+98(0)8630820778" is the Iranian +98 863 082 0778: the "(0)" is the trunk prefix, not part of the number.
        var typedInternational = TypedInternational().Matches(File.ReadAllText(FebrlAccuracyTests.SharedData("personaldata", file)))
            .Select(m => "+" + new string(m.Value.Replace("(0)", string.Empty, StringComparison.Ordinal).Where(char.IsAsciiDigit).ToArray())).ToHashSet();
        Assert.All(phones, p => Assert.True(p.StartsWith("+1", StringComparison.Ordinal) || typedInternational.Contains(p), p));
        Assert.Equal(phonesExpected, phones.Count);
        Assert.Equal(report.Created, await _app.CountAsync(db => db.Cards.Where(c => c.Country == "US")));
    }

    [GeneratedRegex(@"^\(?\d{3}\)?[-. ]?\d{3}[-. ]\d{4}(x\d+)?$")]
    private static partial Regex AmericanWritten();

    [GeneratedRegex(@"\+[0-9()\-. ]+")]
    private static partial Regex TypedInternational();

    private static IEnumerable<string> Cells(string file)
    {
        var lines = File.ReadAllLines(FebrlAccuracyTests.SharedData("personaldata", file));
        var column = Array.IndexOf(lines[0].Split(';'), "phone_number");
        return lines.Skip(1).Select(l => l.Split(';')).Where(f => f.Length > column).Select(f => f[column].Trim()).Where(c => c.Length > 0);
    }

    private async Task<ImportReport> ImportAsync(string file, string? region)
    {
        _app.Clock.Tick();
        await using var stream = File.OpenRead(FebrlAccuracyTests.SharedData("personaldata", file));
        var result = await _app.Services.GetRequiredService<ImportWorkflow>().ImportFileAsync(_app.Actors.TeamLeadEast, stream, file,
            new ImportRequest { DuplicateMode = DuplicateMode.Create, DefaultRegion = region });
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    private async Task<List<string>> PhonesAsync()
    {
        await using var db = _app.Database.CreateContext();
        return await db.Set<ContactPoint>().AsNoTracking().Where(p => p.Kind == ContactKind.Phone).Select(p => p.Value).ToListAsync();
    }
}
