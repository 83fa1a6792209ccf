using System.Security.Claims;
using Bunit;
using Dashboard.Domain.Backups;
using Dashboard.Domain.DemoData;
using Dashboard.Tests.Components;
using Dashboard.Web.Components.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Backups;

/// <summary>The Admin's Backups page lists the backups kept and makes one on demand, saying how it went.</summary>
public sealed class BackupsPageTests : ComponentTest, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"dashboard-backups-page-{Guid.NewGuid():N}");

    public BackupsPageTests()
    {
        var admin = DemoUsers.Find("demo-admin")!;
        Context.AddAuthorization()
            .SetAuthorized(admin.DisplayName)
            .SetRoles(admin.Role.ToString())
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.ExternalId), new Claim(ClaimTypes.Email, admin.Email));
        Context.Services.Configure<BackupOptions>(o =>
        {
            o.Directory = _folder;
            o.Keep = 5;
            o.Time = "04:30";
        });
    }

    [Fact]
    public void WithNoBackupsYet_ThePageSaysSo_AndShowsTheSchedule()
    {
        var cut = RenderInLayout<BackupsPage>();

        cut.WaitForElement("[data-testid=no-backups]");
        var schedule = cut.Find("[data-testid=backup-schedule]").TextContent;
        Assert.Contains("every day at 04:30 (Asia/Shanghai)", schedule, StringComparison.Ordinal);
        Assert.Contains($"The 5 newest backups are kept in {_folder}.", schedule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackUpNow_MakesACheckedBackup_AndListsIt()
    {
        var cut = RenderInLayout<BackupsPage>();
        cut.WaitForElement("[data-testid=no-backups]");

        await cut.Find("[data-testid=backup-now]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("made", cut.Find("[data-testid=backup-result]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.Contains($"Backup {Path.GetFileName(file)} made (", cut.Find("[data-testid=backup-result]").TextContent, StringComparison.Ordinal);
        var row = Assert.Single(cut.FindAll("[data-testid=backup-row]"));
        Assert.Equal(Path.GetFileName(file), row.GetAttribute("data-name"));
        Assert.Contains("KB", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=backup-error]"));
    }

    [Fact]
    public async Task AFailedBackup_IsShownAsAnError()
    {
        // A file where the backup folder should be: the folder cannot be made.
        await File.WriteAllTextAsync(_folder, "in the way");
        var cut = RenderInLayout<BackupsPage>();
        cut.WaitForElement("[data-testid=backup-now]");

        await cut.Find("[data-testid=backup-now]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.StartsWith("The backup failed:", cut.Find("[data-testid=backup-error]").TextContent.Trim(), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=backup-result]"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        File.Delete(_folder);
    }
}
