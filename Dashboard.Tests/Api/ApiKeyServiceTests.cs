using System.Security.Cryptography;
using System.Text;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Integration.ApiKeys;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>API keys: only Admins manage them, the key is shown once and only its hash kept, revoked and expired keys stop working.</summary>
public sealed class ApiKeyServiceTests : ServiceTest
{
    private ApiKeyService Keys => App.Services.GetRequiredService<ApiKeyService>();

    [Theory]
    [InlineData(Role.Sales)]
    [InlineData(Role.TeamLead)]
    [InlineData(Role.SalesManager)]
    [InlineData(Role.Finance)]
    [InlineData(Role.Auditor)]
    public async Task SomeoneWhoIsNotAnAdmin_CannotCreateOrListKeys_AndNothingIsStored(Role role)
    {
        var actor = await Actors.CreateAsync(App.Staff, "Not An Admin", role, Actors.EastTeam);

        var result = await Keys.CreateAsync(actor, Draft("Shop", Role.Admin));

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Empty(await Keys.ListAsync(actor));
        await using var db = App.Database.CreateContext();
        Assert.Equal(0, await db.ApiKeys.CountAsync());
        Assert.False(await db.Staff.AnyAsync(s => s.ExternalId.StartsWith(ApiKeyService.ServiceIdentityPrefix)));
    }

    [Fact]
    public async Task ANewKey_IsShownOnce_AndOnlyItsHashIsStored()
    {
        var teamId = Actors.SalesEast.TeamId!.Value;

        var issued = (await Keys.CreateAsync(Actors.Admin, Draft("Web shop", Role.Sales, teamId))).Value!;

        Assert.Matches("^ccd_[0-9a-f]{12}_[0-9a-f]{64}$", issued.Key);
        Assert.StartsWith(issued.View.Prefix + "_", issued.Key, StringComparison.Ordinal);
        var secret = issued.Key[(issued.View.Prefix.Length + 1)..];
        await using var db = App.Database.CreateContext();
        var stored = await db.ApiKeys.SingleAsync();
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(secret)), stored.SecretHash);
        Assert.DoesNotContain(secret, await DatabaseTextAsync(db), StringComparison.Ordinal);
        var listed = Assert.Single(await Keys.ListAsync(Actors.Admin));
        Assert.Equal(issued.View.Prefix, listed.Prefix);
        Assert.DoesNotContain(secret, listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASalesKey_ActsAsItsOwnServiceIdentityInItsTeam()
    {
        var teamId = Actors.SalesEast.TeamId!.Value;
        var issued = (await Keys.CreateAsync(Actors.Admin, Draft("Web shop", Role.Sales, teamId))).Value!;

        var caller = await Keys.AuthenticateAsync(issued.Key);

        Assert.NotNull(caller);
        var actor = caller.ToActor();
        Assert.Equal(teamId, actor.TeamId);
        Assert.Equal(new HashSet<Role> { Role.Sales }, actor.Roles);
        Assert.Equal("Web shop (API key)", actor.DisplayName);
        Assert.NotEqual(Actors.SalesEast.StaffId, actor.StaffId);
    }

    [Fact]
    public async Task AKeyActingForAPerson_ActsAsThatPersonWithTheKeysRole()
    {
        var issued = (await Keys.CreateAsync(Actors.Admin, new ApiKeyDraft { Name = "Zhang's mail plug-in", Role = Role.Sales, ActsForStaffId = Actors.SalesEast.StaffId })).Value!;

        var actor = (await Keys.AuthenticateAsync(issued.Key))!.ToActor();

        Assert.Equal(Actors.SalesEast.StaffId, actor.StaffId);
        Assert.Equal(Actors.SalesEast.TeamId, actor.TeamId);
    }

    [Fact]
    public async Task ARevokedKey_IsRefused_AndTheRevocationIsAudited()
    {
        var issued = (await Keys.CreateAsync(Actors.Admin, Draft("Web shop", Role.Finance))).Value!;
        Assert.NotNull(await Keys.AuthenticateAsync(issued.Key));

        var revoked = await Keys.RevokeAsync(Actors.Admin, issued.View.Id);

        Assert.True(revoked.Succeeded);
        Assert.Null(await Keys.AuthenticateAsync(issued.Key));
        Assert.Equal(ApiKeyStatus.Revoked, Assert.Single(await Keys.ListAsync(Actors.Admin)).Status);
        await using var db = App.Database.CreateContext();
        var actions = await db.AuditEntries.Where(e => e.EntityId == issued.View.Prefix).Select(e => e.Action).ToListAsync();
        Assert.Equal([ApiKeyService.CreatedAction, ApiKeyService.RevokedAction], actions);
        Assert.Equal(CommandStatus.Forbidden, (await Keys.RevokeAsync(Actors.SalesEast, issued.View.Id)).Status);
    }

    [Fact]
    public async Task AnExpiredKey_IsRefused()
    {
        var issued = (await Keys.CreateAsync(Actors.Admin, Draft("Nightly sync", Role.SalesManager) with { ExpiresOn = App.Clock.Today.AddDays(2) })).Value!;
        Assert.NotNull(await Keys.AuthenticateAsync(issued.Key));

        App.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Null(await Keys.AuthenticateAsync(issued.Key));
        Assert.Equal(ApiKeyStatus.Expired, Assert.Single(await Keys.ListAsync(Actors.Admin)).Status);
    }

    [Fact]
    public async Task AKeyWithAWrongSecret_OrNotInTheKeyFormat_IsRefused()
    {
        var issued = (await Keys.CreateAsync(Actors.Admin, Draft("Web shop", Role.Finance))).Value!;
        var wrongSecret = issued.Key[..^1] + (issued.Key[^1] == '0' ? '1' : '0');

        Assert.Null(await Keys.AuthenticateAsync(wrongSecret));
        Assert.Null(await Keys.AuthenticateAsync(issued.View.Prefix));
        Assert.Null(await Keys.AuthenticateAsync("not a key"));
    }

    [Fact]
    public async Task ASalesKeyWithoutATeam_OrWithoutAName_IsRefusedWithFieldErrors()
    {
        var result = await Keys.CreateAsync(Actors.Admin, new ApiKeyDraft { Name = " ", Role = Role.Sales });

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Field == nameof(ApiKeyDraft.Name));
        Assert.Contains(result.Errors, e => e.Field == nameof(ApiKeyDraft.TeamId));
        Assert.Empty(await Keys.ListAsync(Actors.Admin));
    }

    private static ApiKeyDraftRecord Draft(string name, Role role, Guid? teamId = null) => new(name, role, teamId, null);

    /// <summary>Every text and blob column of every table, as text, to show the secret is stored nowhere.</summary>
    private static async Task<string> DatabaseTextAsync(Dashboard.Domain.Persistence.DashboardDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var text = new StringBuilder();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var rows = await select.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    text.Append(rows.GetValue(i) switch
                    {
                        byte[] bytes => Convert.ToHexStringLower(bytes) + Encoding.UTF8.GetString(bytes),
                        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                    }).Append('|');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>A draft as a record, so tests can vary one value with <c>with</c>.</summary>
    private sealed record ApiKeyDraftRecord(string Name, Role Role, Guid? TeamId, DateOnly? ExpiresOn)
    {
        public static implicit operator ApiKeyDraft(ApiKeyDraftRecord d) => new() { Name = d.Name, Role = d.Role, TeamId = d.TeamId, ExpiresOn = d.ExpiresOn };
    }
}
