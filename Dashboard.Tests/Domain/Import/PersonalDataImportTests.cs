using System.Net.Mail;
using Dashboard.Domain.Import;
using Dashboard.Tests.Domain.Duplicates;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using PhoneNumbers;

namespace Dashboard.Tests.Domain.Import;

/// <summary>
/// The two overlapping contact lists of <c>../shared/data/personaldata</c> (semicolon-separated, phones in many
/// formats, blanks), imported with the default phone region set to US, as the data are American.
/// <para>
/// The expected counts were worked out from the files, not from the import: a row is valid when it has a first or a
/// last name, its e-mail (if any) is an address, its phone (if any) is a number libphonenumber calls valid for the US
/// (asked of the library directly, on the raw cell), and its date of birth (if any) is a date. Nothing else in these
/// files can fail: postcodes are five or nine digits, titles (job) are at most 59 characters.
/// A: 1,000 rows, no blanks; every row is named and every e-mail is an address, but 720 phones are not valid US numbers
/// (Faker draws the digits at random): "1-002-603-2082x8411" (no area code starts with 0), "(216)197-1192" (no
/// exchange starts with 1), "1-255-029-5041" (255 is not an area code in use) — so 280 rows are valid.
/// B: 1,000 rows with 104 blank phones (allowed), blank e-mails, postcodes and single blank first or last names (never
/// both); 642 phones are invalid in the same ways — so 358 rows are valid.
/// </para>
/// </summary>
public sealed class PersonalDataImportTests : IAsyncLifetime
{
    private const int ValidInA = 280;
    private const int ValidInB = 358;

    private TestDashboard _app = null!;

    public async Task InitializeAsync() => _app = await TestDashboard.StartAsync(defaultPhoneRegion: "US");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("personaldata1000A.csv", ValidInA)]
    [InlineData("personaldata1000B.csv", ValidInB)]
    public void TheExpectedCounts_FollowFromTheFilesThemselves(string file, int valid)
    {
        Assert.Equal(valid, Records(file).Count(IsValid));
    }

    [Theory]
    [InlineData("personaldata1000A.csv", ValidInA)]
    [InlineData("personaldata1000B.csv", ValidInB)]
    public async Task ImportingAList_CreatesItsValidRows_AndReportsTheOthers(string file, int valid)
    {
        var report = await ImportAsync(file, new ImportRequest { DuplicateMode = DuplicateMode.Create, PreviewRows = 1_000 });

        Assert.Equal((";", "utf-8"), (report.Delimiter, report.Encoding));
        Assert.Equal((1_000, valid, 1_000 - valid, valid), (report.RowsRead, report.Valid, report.Invalid, report.Created));
        var expectedInvalidRows = Records(file).Select((r, i) => (Row: i + 2, Valid: IsValid(r))).Where(r => !r.Valid).Select(r => r.Row);
        Assert.Equal(expectedInvalidRows, report.Errors.Select(e => e.Row).Distinct());
        Assert.All(report.Errors, e => Assert.Equal("phone_number", e.Column));
        var expectedMapping = new Dictionary<string, string>
        {
            ["birthdate"] = "DateOfBirth", ["city"] = "Suburb", ["email"] = "Email", ["first_name"] = "GivenName", ["job"] = "Title",
            ["last_name"] = "Surname", ["phone_number"] = "Phone", ["postcode"] = "Postcode", ["street_address"] = "Address1",
        };
        Assert.Equal(expectedMapping.OrderBy(m => m.Key), report.Mapping.OrderBy(m => m.Key));
    }

    [Fact]
    public async Task ImportingBAfterA_SkipsThePeopleAlreadyImported_AndNobodyElse()
    {
        var a = await ImportAsync("personaldata1000A.csv", new ImportRequest { PreviewRows = 1_000 });
        var entityOfCard = a.Preview.Where(p => p.Action == ImportRowAction.Create)
            .ToDictionary(p => p.CardCode!, p => Records("personaldata1000A.csv")[p.Row - 2]["entity_id"]);

        var b = await ImportAsync("personaldata1000B.csv", new ImportRequest { PreviewRows = 1_000, DryRun = true });

        var recordsB = Records("personaldata1000B.csv");
        var skipped = b.Preview.Where(p => p.Action == ImportRowAction.Skip).ToList();
        var wrong = skipped.Where(p => entityOfCard[p.CardCode!] != recordsB[p.Row - 2]["entity_id"]).ToList();
        var findable = b.Preview.Count(p => p.Action != ImportRowAction.Invalid && entityOfCard.ContainsValue(recordsB[p.Row - 2]["entity_id"]));
        Assert.Equal(0, a.Skipped);
        Assert.Empty(wrong);
        Assert.True(skipped.Count >= 0.9 * findable, $"{skipped.Count} of {findable} returning people recognised");
    }

    private async Task<ImportReport> ImportAsync(string file, ImportRequest request)
    {
        _app.Clock.Tick();
        await using var stream = File.OpenRead(FebrlAccuracyTests.SharedData("personaldata", file));
        var result = await _app.Services.GetRequiredService<ImportWorkflow>().ImportFileAsync(_app.Actors.TeamLeadEast, stream, file, request);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    private static List<Dictionary<string, string>> Records(string file)
    {
        var lines = File.ReadAllLines(FebrlAccuracyTests.SharedData("personaldata", file));
        var header = lines[0].Split(';');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(';')).ToDictionary(p => p.First, p => p.Second.Trim()))];
    }

    private static bool IsValid(Dictionary<string, string> r)
    {
        var util = PhoneNumberUtil.GetInstance();
        var named = r["first_name"].Length > 0 || r["last_name"].Length > 0;
        var email = r["email"].Length == 0 || MailAddress.TryCreate(r["email"], out _);
        bool phone;
        try
        {
            phone = r["phone_number"].Length == 0 || util.IsValidNumber(util.Parse(r["phone_number"], "US"));
        }
        catch (NumberParseException)
        {
            phone = false;
        }

        var born = r["birthdate"].Length == 0 || DateOnly.TryParseExact(r["birthdate"], "yyyy-MM-dd", out _);
        return named && email && phone && born;
    }
}
