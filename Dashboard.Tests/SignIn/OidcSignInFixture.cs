using Dashboard.Domain.Audit;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Tests.SignIn;

/// <summary>
/// The real-provider sign-in tests run alone (after the parallel collections), with their own app, provider and Chromium.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OidcSignInCollection : ICollectionFixture<OidcSignInFixture>
{
    public const string Name = "OpenID Connect sign-in";
}

/// <summary>
/// The app configured for Entra ID exactly as appsettings would configure it (AzureAd:Instance, TenantId, ClientId,
/// ClientSecret, code flow), pointing at <see cref="LoopbackOidcProvider"/> on its own loopback host:port, plus the
/// system Chromium. Nothing in the app's sign-in path is replaced: Microsoft.Identity.Web fetches the provider's
/// metadata and keys, redeems the code and validates the id token itself.
/// </summary>
public sealed class OidcSignInFixture : IAsyncLifetime
{
    private readonly List<string> _log = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelDashboardFactory App { get; } = new();

    public LoopbackOidcProvider Provider { get; private set; } = null!;

    public Uri AppAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            throw new InvalidOperationException($"The sign-in browser tests need Chromium at {BrowserFixture.ChromiumPath} (see BrowserFixture); no browser is downloaded.");
        }

        var providerPort = LoopbackOidcProvider.FreePort();
        App.WithSetting("AzureAd:Instance", $"http://127.0.0.1:{providerPort}/")
            .WithSetting("AzureAd:TenantId", LoopbackOidcProvider.TenantId)
            .WithSetting("AzureAd:ClientId", LoopbackOidcProvider.ClientId)
            .WithSetting("AzureAd:ClientSecret", LoopbackOidcProvider.ClientSecret)
            .WithSetting("AzureAd:CallbackPath", "/signin-oidc")
            .WithSetting("AzureAd:SignedOutCallbackPath", "/signout-callback-oidc")
            .WithSetting("AzureAd:ResponseType", "code")
            .WithSetting("AzureAd:RequireHttpsMetadata", "false");
        AppAddress = App.Start();
        Provider = await LoopbackOidcProvider.StartAsync(providerPort, AppAddress, Log);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Timeout = 30_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    /// <summary>A fresh browser (no cookies at the app or the provider) with one page.</summary>
    public async Task<BrowserSession> OpenAsync(ITestOutputHelper output)
    {
        lock (_log)
        {
            _log.ForEach(output.WriteLine);
            _log.Clear();
        }

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = AppAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => output.WriteLine($"[page error] {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                output.WriteLine($"[http {response.Status}] {response.Request.Method} {response.Url}");
            }
        };
        return new BrowserSession(context, page, output);
    }

    /// <summary>The audit entries the app wrote for one sign-in identity (an Entra object id), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditOfAsync(string externalId)
    {
        var dbFactory = App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == externalId).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Whether a staff record exists for the identity.</summary>
    public async Task<bool> HasStaffAsync(string externalId)
    {
        var dbFactory = App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Staff.AnyAsync(s => s.ExternalId == externalId);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Provider?.Dispose();
        await App.DisposeAsync();
    }

    private void Log(string line)
    {
        lock (_log)
        {
            _log.Add(line);
        }
    }
}
