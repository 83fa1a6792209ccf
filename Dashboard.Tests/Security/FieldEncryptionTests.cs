using System.Text;
using Dashboard.Domain;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Security;
using Dashboard.Tests.Audit;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

/// <summary>
/// Encryption at rest: phones, e-mails and addresses (and every record that copies them) are stored encrypted with
/// keys outside the database, found through keyed hashes, re-encrypted on key rotation, and encrypted at start when
/// an older database holds them in plain text.
/// </summary>
public sealed class FieldEncryptionTests : IAsyncLifetime
{
    private const string Phone = "+86 138 1234 5678";
    private const string PhoneDigits = "13812345678";
    private const string Email = "wang.secret@example.com";
    private const string Address = "上海市浦东新区世纪大道100号";
    private AuditChainDatabase _db = null!;

    public async Task InitializeAsync() => _db = await AuditChainDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task TheDatabaseFile_HoldsNoPhoneEmailOrAddress_InCardsAuditMatchKeysOrSearchIndex()
    {
        var card = await CreateCardAsync("王秘密");
        await _db.EditCardAsync(_db.Actors.SalesEast, card.Id, d => d.Phones[0].Value = "139 8765 4321");
        await _db.ImportInBulkAsync("姓名,手机,邮箱,地址\n" + string.Join("\n", Enumerable.Range(0, 12).Select(i => $"导入客户{i:D2},1370000{i:D4},import{i:D2}@secret.example,北京市朝阳区建国路{i}号")));
        await _db.Services.GetRequiredService<DuplicateScanner>().ScanAsync();

        var file = await DatabaseBytesAsync();

        // The scan is real: names are not sensitive and are found in the file.
        Assert.True(Contains(file, "王秘密"), "the card's name should be in the file");
        foreach (var secret in new[] { PhoneDigits, "13987654321", "wang.secret", Address, "13700000007", "import07@secret", "建国路7号" })
        {
            Assert.False(Contains(file, secret), $"\"{secret}\" is in the database file in plain text");
        }

        // The application still shows every value to those allowed to see it.
        var details = await _db.Services.GetRequiredService<CustomerCardQueries>().GetAsync(_db.Actors.SalesEast, card.Id);
        Assert.Equal(["+86 139 8765 4321"], details.Value!.Phones.Select(p => p.Display));
        Assert.Equal([Email], details.Value.Emails.Select(p => p.Display));
        Assert.Equal(Address, details.Value.Address);
    }

    [Fact]
    public async Task StoredValues_AreCiphertextOfTheCurrentKey_WithAKeyedHashForLookup()
    {
        await CreateCardAsync("李存储");
        var key = _db.KeyRing.Current(KeyPurposes.FieldEncryption);

        var value = await _db.ScalarAsync<string>("SELECT \"Value\" FROM \"ContactPoints\" WHERE \"Kind\" = 'Phone'");
        var hash = await _db.ScalarAsync<string>("SELECT \"ValueHash\" FROM \"ContactPoints\" WHERE \"Kind\" = 'Phone'");
        var address = await _db.ScalarAsync<string>("SELECT \"Address\" FROM \"Cards\"");

        Assert.StartsWith($"enc1:{key.Id}:", value, StringComparison.Ordinal);
        Assert.StartsWith($"enc1:{key.Id}:", address, StringComparison.Ordinal);
        Assert.Equal(FieldProtector.For(_db.KeyRing).Hash("P:+8613812345678"), hash);
        Assert.DoesNotContain(PhoneDigits, hash, StringComparison.Ordinal);
        Assert.DoesNotContain(PhoneDigits, await _db.ScalarAsync<string>("SELECT group_concat(\"Key\") FROM \"CardMatchKeys\""), StringComparison.Ordinal);
        Assert.NotNull(await _db.ScalarAsync<string>("SELECT \"ChangesJson\" FROM \"AuditTrail\" WHERE \"Action\" = 'card.created'"));
        Assert.StartsWith("enc1:", await _db.ScalarAsync<string>("SELECT \"ChangesJson\" FROM \"AuditTrail\" WHERE \"Action\" = 'card.created'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValueMovedToAnotherColumn_DoesNotDecrypt()
    {
        await CreateCardAsync("赵搬家");
        await _db.ExecuteAsAttackerAsync("UPDATE \"Cards\" SET \"Address\" = (SELECT \"Value\" FROM \"ContactPoints\" WHERE \"Kind\" = 'Phone')");

        var list = await _db.Services.GetRequiredService<CustomerCardQueries>().ListAsync(_db.Actors.SalesEast, new CardListQuery());
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _db.Services.GetRequiredService<CustomerCardQueries>().GetAsync(_db.Actors.SalesEast, list.Items[0].Id));

        Assert.Contains("Cards.Address", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExactPhoneAndEmail_FindTheCardThroughTheKeyedHash_AndBlockDuplicates()
    {
        var card = await CreateCardAsync("钱查找");
        var queries = _db.Services.GetRequiredService<CustomerCardQueries>();

        foreach (var term in new[] { "138-1234-5678", "0086 138 1234 5678", "WANG.SECRET@example.com" })
        {
            var page = await queries.ListAsync(_db.Actors.SalesEast, new CardListQuery { Search = term });
            Assert.Equal(card.Code, Assert.Single(page.Items).Code);
        }

        // Someone else types the same number for a new card: the duplicate check finds the existing card.
        var duplicates = await _db.Services.GetRequiredService<DuplicateFinder>().FindSimilarAsync(
            _db.Actors.SalesEast, CardDraftBuilder.Individual("钱查找").WithPhone("13812345678").Build());
        Assert.Contains(card.Id, duplicates.Select(d => d.Id));
    }

    [Fact]
    public async Task RotatingTheKey_ReencryptsEveryValue_KeepsThemReadable_AndLeavesTheAuditChainIntact()
    {
        var card = await CreateCardAsync("孙轮换");
        await _db.EditCardAsync(_db.Actors.SalesEast, card.Id, d => d.Address = "杭州市西湖区文三路1号");
        var oldKey = _db.KeyRing.Current(KeyPurposes.FieldEncryption).Id;
        var lines = new List<string>();

        var report = await _db.Services.GetRequiredService<FieldProtectionMaintenance>().RotateAsync(new SyncProgress(lines));

        var newKey = _db.KeyRing.Current(KeyPurposes.FieldEncryption).Id;
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(newKey, report.KeyId);
        Assert.True(report.Encrypted >= 3, $"only {report.Encrypted} values were re-encrypted");
        Assert.NotEmpty(lines);
        Assert.Equal(0, await _db.ScalarAsync<long>($"SELECT COUNT(*) FROM \"ContactPoints\" WHERE \"Value\" NOT LIKE 'enc1:{newKey}:%'"));
        Assert.Equal(0, await _db.ScalarAsync<long>($"SELECT COUNT(*) FROM \"Cards\" WHERE \"Address\" IS NOT NULL AND \"Address\" NOT LIKE 'enc1:{newKey}:%'"));

        var details = await _db.Services.GetRequiredService<CustomerCardQueries>().GetAsync(_db.Actors.SalesEast, card.Id);
        Assert.Equal("杭州市西湖区文三路1号", details.Value!.Address);
        Assert.Equal(["+86 138 1234 5678"], details.Value.Phones.Select(p => p.Display));
        var page = await _db.Services.GetRequiredService<CustomerCardQueries>().ListAsync(_db.Actors.SalesEast, new CardListQuery { Search = "13812345678" });
        Assert.Equal(card.Code, Assert.Single(page.Items).Code);

        // Audit entries stay as sealed (with the old key's ciphertext) and still read back.
        Assert.True((await _db.Verifier.VerifyFromCommandLineAsync()).IsIntact);
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var changes = (await db.AuditEntries.AsNoTracking().ToListAsync()).SelectMany(e => e.Changes);
            Assert.Contains(changes, c => c.Field == "Address" && c.Before == Address && c.After == "杭州市西湖区文三路1号");
        }

        // The rotation itself is audited, naming the keys by id.
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var rotation = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == FieldProtectionMaintenance.RotatedAction);
            Assert.Equal(newKey, rotation.EntityId);
            Assert.Equal([new Dashboard.Domain.Audit.FieldChange("KeyId", oldKey, newKey)], rotation.Changes);
        }

        // Nothing is left to do: a second pass changes nothing.
        Assert.Equal(0, (await _db.Services.GetRequiredService<FieldProtectionMaintenance>().RunAsync()).Encrypted);
    }

    [Fact]
    public async Task PlainValuesFromBeforeEncryption_AreEncryptedAndHashedAtStart_AndStayFindable()
    {
        var card = await CreateCardAsync("周升级");

        // The database as the version before encryption left it: plain values, no hashes, plain blocking keys.
        await _db.ExecuteAsAttackerAsync(
            $"""
            UPDATE "ContactPoints" SET "Value" = CASE "Kind" WHEN 'Phone' THEN '+8613812345678' ELSE '{Email}' END, "ValueHash" = '';
            UPDATE "Cards" SET "Address" = '{Address}';
            DELETE FROM "CardMatchKeys";
            INSERT INTO "CardMatchKeys" ("CardId", "Key") SELECT "Id", 'P:+8613812345678' FROM "Cards";
            """);
        Assert.True(Contains(await DatabaseBytesAsync(), PhoneDigits));

        await _db.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        Assert.False(Contains(await DatabaseBytesAsync(), PhoneDigits), "the plain phone is still in the file");
        Assert.False(Contains(await DatabaseBytesAsync(), Address), "the plain address is still in the file");
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM \"ContactPoints\" WHERE \"Value\" NOT LIKE 'enc1:%' OR \"ValueHash\" NOT LIKE 'h1:%'"));
        var details = await _db.Services.GetRequiredService<CustomerCardQueries>().GetAsync(_db.Actors.SalesEast, card.Id);
        Assert.Equal(Address, details.Value!.Address);
        var page = await _db.Services.GetRequiredService<CustomerCardQueries>().ListAsync(_db.Actors.SalesEast, new CardListQuery { Search = Email });
        Assert.Equal(card.Code, Assert.Single(page.Items).Code);
        var duplicates = await _db.Services.GetRequiredService<DuplicateFinder>().FindSimilarAsync(
            _db.Actors.SalesEast, CardDraftBuilder.Individual("周升级").WithPhone(PhoneDigits).Build());
        Assert.Contains(card.Id, duplicates.Select(d => d.Id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // the web app: the full pass runs in the background, the key check still before it listens
    public async Task WithAnotherKeyRing_TheAppRefusesToStart_NamingTheMissingKeyAndTheSetting(bool protectFieldsAtStart)
    {
        await CreateCardAsync("吴钥匙");
        var otherRing = new KeyRing(Path.Combine(_db.Folder, "other-keys"));
        var interceptor = new Dashboard.Domain.Audit.AuditChainInterceptor(otherRing);
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton(otherRing)
            .AddSingleton(interceptor)
            .AddDbContextFactory<DashboardDbContext>(o => o.UseSqlite(_db.ConnectionString).AddInterceptors(interceptor))
            .AddDashboardServices()
            .BuildServiceProvider();

        var initializer = provider.GetRequiredService<DatabaseInitializer>();
        initializer.ProtectFieldsAtStart = protectFieldsAtStart;
        var error = await Assert.ThrowsAsync<FieldDecryptionException>(() => initializer.InitializeAsync());

        Assert.Contains("has no field-encryption key", error.Message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:KeyRingPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(_db.KeyRing.Current(KeyPurposes.FieldEncryption).Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryColumnThatHoldsOrCopiesContactValues_IsEncrypted_AndLookupsAreHashed()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var columns = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => (Column: $"{e.GetTableName()}.{p.GetColumnName()}", p.GetTypeMapping().Converter)))
            .ToList();

        Assert.Equal(
            [
                "AuditTrail.ChangesJson", "Cards.Address", "ContactPoints.Value", "MergeJournals.StateJson", "PendingChanges.BaseJson",
                "PendingChanges.ProposedJson", "Verifications.NewValue", "Verifications.OldValue", "WebhookEndpoints.Secret",
            ],
            columns.Where(c => c.Converter is EncryptingConverter).Select(c => c.Column).Order(StringComparer.Ordinal));
        Assert.Equal(["CardMatchKeys.Key", "ContactPoints.ValueHash"], columns.Where(c => c.Converter is HashingConverter).Select(c => c.Column).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheRotateCommand_AddsAKey_ReencryptsEverything_AndReportsIt()
    {
        var card = await CreateCardAsync("郑命令");
        var oldKey = _db.KeyRing.Current(KeyPurposes.FieldEncryption).Id;
        var (exitCode, text) = await WebAppCommand.RunAsync(
            RotateFieldKeyCommand.Name, new SqliteConnectionStringBuilder(_db.ConnectionString).DataSource, _db.KeyRing.Folder);

        Assert.True(exitCode == 0, text);
        var newKey = new KeyRing(_db.KeyRing.Folder).Current(KeyPurposes.FieldEncryption).Id;
        Assert.NotEqual(oldKey, newKey);
        Assert.Contains($"Field-encryption key rotated to {newKey}", text, StringComparison.Ordinal);
        Assert.Equal(0, await _db.ScalarAsync<long>($"SELECT COUNT(*) FROM \"ContactPoints\" WHERE \"Value\" NOT LIKE 'enc1:{newKey}:%'"));
        var details = await _db.Services.GetRequiredService<CustomerCardQueries>().GetAsync(_db.Actors.SalesEast, card.Id);
        Assert.Equal([Email], details.Value!.Emails.Select(p => p.Display));
    }

    private async Task<CardRef> CreateCardAsync(string name)
    {
        var result = await _db.Cards.CreateAsync(_db.Actors.SalesEast, CardDraftBuilder.Individual(name).WithPhone(Phone).WithEmail(Email).WithAddress(Address).Build());
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    /// <summary>The database file and its write-ahead log, as someone who copied them would read them.</summary>
    private async Task<byte[]> DatabaseBytesAsync()
    {
        await _db.ExecuteAsAttackerAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(_db.ConnectionString).DataSource;
        var bytes = new List<byte>();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            bytes.AddRange(copy.ToArray());
        }

        return [.. bytes];
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static string Messages(Exception error) => error.InnerException is null ? error.Message : error.Message + " | " + Messages(error.InnerException);

    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
