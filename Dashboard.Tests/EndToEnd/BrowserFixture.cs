using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>Browser tests share one app and one Chromium, and run one at a time (the CI machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// Hosts the app on Kestrel and launches the system Chromium headless. Browsers are never downloaded:
/// without Chromium at <see cref="ChromiumPath"/> every browser test fails and says so.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The Chromium that CI installs; DASHBOARD_CHROMIUM points elsewhere on a developer's machine.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("DASHBOARD_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The app; its webhooks may call the loopback receivers of the webhook browser test.</summary>
    public KestrelDashboardFactory App { get; } = (KestrelDashboardFactory)new KestrelDashboardFactory()
        .WithSetting("Dashboard:Webhooks:AllowedInternalHosts:0", Webhooks.WebhookReceiver.Address);

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Chromium at {ChromiumPath} (Debian/Ubuntu: apt-get install chromium; or set DASHBOARD_CHROMIUM). " +
                "They never download a browser, so they fail rather than skip when it is missing.");
        }

        BaseAddress = App.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 30_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    /// <summary>A fresh browser context (no cookies) with one page on the app.</summary>
    public async Task<BrowserSession> OpenAsync(ITestOutputHelper output, ViewportSize? viewport = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                output.WriteLine($"[browser {message.Type}] {message.Text}");
            }
        };
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

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>One test's browser context and page; screenshots go to the temp folder, never into the repository.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, ITestOutputHelper output) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Saves a full-page screenshot in the temp folder and writes its path to the test output.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-e2e-{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
        return path;
    }

    /// <summary>Runs the test's steps; on failure leaves a screenshot of where it stopped.</summary>
    public async Task RunAsync(Func<IPage, Task> steps)
    {
        try
        {
            await steps(Page);
        }
        catch
        {
            await TryScreenshotAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();

    private async Task TryScreenshotAsync()
    {
        try
        {
            output.WriteLine($"Failed at {Page.Url}");
            await ScreenshotAsync("failure");
        }
        catch (PlaywrightException ex)
        {
            output.WriteLine($"No failure screenshot: {ex.Message}");
        }
    }
}
