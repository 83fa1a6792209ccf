using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dashboard.Domain.Access;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Integration.ApiKeys;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Commands;

/// <summary>
/// Open screens under load: starts the web app (Release build) on a database, signs in as a demo user, opens N real
/// Blazor circuits of a page with the browserless client in <c>../shared/tools/circuit-load</c>, and then makes saves
/// through the REST API (an interaction logged on one of the demo rep's cards) as the broadcast trigger. Prints what the
/// client measured: circuits held, KB per circuit, save→screen p50/p95, idle server CPU and connect p95.
/// </summary>
internal sealed partial class LiveCommand : BenchmarkCommand
{
    public override string Name => "live";

    public override string Options =>
        "--db FILE [--page /dashboard] [--user demo-salesmanager] [--circuits 200] [--ramp 50] [--hold 30] [--settle 15] [--after-start 0] [--rounds 5] [--port 5280] [--client DLL] [--web DLL]";

    public override string Summary =>
        "Starts the app on FILE, opens N circuits of a page as a demo user with circuit-load, saves through the API as the broadcast trigger, "
        + "and prints circuits held, KB per circuit, save→screen p50/p95, idle CPU and connect p95. Build first: dotnet build -c Release Dashboard.Web, "
        + "and circuit-load as its README says (cp -r ../shared/tools/circuit-load /tmp/circuit-load; cd /tmp/circuit-load; dotnet build -c Release).";

    public override async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var database = Path.GetFullPath(arguments.RequiredText("db"));
        var page = arguments.Text("page") ?? "/dashboard";
        var user = arguments.Text("user") ?? "demo-salesmanager";
        var circuits = arguments.Integer("circuits", 200, 1, 20_000);
        var ramp = arguments.Integer("ramp", 50, 1, 1_000);
        var hold = arguments.Integer("hold", 30, 1, 3_600);
        var settle = arguments.Integer("settle", 15, 0, 3_600);
        var rounds = arguments.Integer("rounds", 5, 1, 100);

        // Seconds to wait after the app answers before opening circuits: its start-up work in the background (projection
        // read into memory, field protection pass, planner statistics) takes tens of seconds at a million cards and
        // would otherwise count as idle CPU.
        var afterStart = arguments.Integer("after-start", 0, 0, 3_600);
        var port = arguments.Integer("port", 5280, 1024, 65_000);
        var client = Path.GetFullPath(arguments.Text("client") ?? "/tmp/circuit-load/bin/Release/net10.0/circuit-load.dll");
        var web = Path.GetFullPath(arguments.Text("web") ?? Path.Combine(RepositoryRoot(), "Dashboard.Web", "bin", "Release", "net10.0", "Dashboard.Web.dll"));
        arguments.EnsureAllUsed();
        foreach (var (file, what) in new[] { (database, "--db"), (client, "--client (build circuit-load)"), (web, "--web (dotnet build -c Release Dashboard.Web)") })
        {
            if (!File.Exists(file))
            {
                throw new UsageException($"{file} does not exist: {what}.");
            }
        }

        var (apiKey, cardId) = await PrepareAsync(database, progress, ct);
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        using var app = StartApp(web, database, baseUrl, progress);
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl) };
            await WaitForHealthAsync(http, app, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"app_start_seconds {Stopwatch.GetElapsedTime(started).TotalSeconds:F1}"));
            if (afterStart > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(afterStart), ct);
            }

            var cookies = await SignInAsync(http, user, ct);

            using var trigger = new TriggerServer(http, apiKey, cardId);
            var arguments2 = new List<string>
            {
                client, "--url", baseUrl + page, "--circuits", circuits.ToString(CultureInfo.InvariantCulture),
                "--ramp-per-second", ramp.ToString(CultureInfo.InvariantCulture), "--hold-seconds", hold.ToString(CultureInfo.InvariantCulture),
                "--settle-seconds", settle.ToString(CultureInfo.InvariantCulture), "--warmup", "20", "--server-pid", app.Id.ToString(CultureInfo.InvariantCulture),
                "--measure-broadcast", "--trigger-url", trigger.Url, "--broadcast-rounds", rounds.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var cookie in cookies)
            {
                arguments2.AddRange(["--cookie", cookie]);
            }

            await progress.WriteLineAsync($"Opening {circuits:N0} circuits of {page} as {user} ({ramp}/s), holding {hold} s, {rounds} saves…");
            var (code, measured) = await RunClientAsync(arguments2, progress, ct);
            await output.WriteLineAsync($"page {page}, user {user}, circuits {circuits}, database {Path.GetFileName(database)}");
            await output.WriteAsync(measured);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"trigger_saves {trigger.Saves} trigger_save_ms_p50 {trigger.MedianMilliseconds:F1}"));
            return code;
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>A Sales API key acting for the demo rep, and one of the rep's cards to log interactions on.</summary>
    private static async Task<(string Key, Guid Card)> PrepareAsync(string database, TextWriter progress, CancellationToken ct)
    {
        await using var host = BenchmarkHost.Create(database, progress);
        await host.Get<DatabaseInitializer>().InitializeAsync(ct);
        await using var db = await host.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct);
        var rep = DemoUsers.Find("demo-sales")!;
        var repStaff = await db.Staff.AsNoTracking().SingleAsync(s => s.ExternalId == rep.ExternalId, ct);
        var admin = await db.Staff.AsNoTracking().SingleAsync(s => s.ExternalId == DemoUsers.Find("demo-admin")!.ExternalId, ct);
        var card = await db.Cards.AsNoTracking().Where(c => c.OwnerId == repStaff.Id && c.MergedIntoId == null).Select(c => c.Id).FirstAsync(ct);
        var adminActor = new Actor(admin.Id, admin.DisplayName, new HashSet<Role> { Role.Admin }, null);
        var issued = await host.Get<ApiKeyService>().CreateAsync(adminActor, new ApiKeyDraft { Name = $"live benchmark {DateTime.UtcNow:yyyyMMdd-HHmmss}", Role = Role.Sales, ActsForStaffId = repStaff.Id }, ct);
        return issued.Succeeded ? (issued.Value!.Key, card) : throw new InvalidOperationException($"The API key was refused: {issued.Message}");
    }

    private static Process StartApp(string web, string database, string baseUrl, TextWriter progress)
    {
        var start = new ProcessStartInfo("dotnet", [web, "--urls", baseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Dashboard__DatabasePath"] = database;
        start.Environment["Dashboard__RateLimits__ApiPerMinute"] = "100000";
        start.Environment["Dashboard__Circuits__DisconnectedCircuitMaxRetained"] = "100";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Dashboard.Web.Dashboards.PipelineWarmUp"] = "Information";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, e) => Log(progress, e.Data);
        process.ErrorDataReceived += (_, e) => Log(progress, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Log(TextWriter progress, string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            lock (progress)
            {
                progress.WriteLine("  app: " + line);
            }
        }
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process app, CancellationToken ct)
    {
        for (var i = 0; i < 600; i++)
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"The app stopped with exit code {app.ExitCode}.");
            }

            try
            {
                using var health = await http.GetAsync("/health", ct);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException("The app did not answer /health within a minute.");
    }

    /// <summary>Signs in through the development sign-in page, as the circuit-load README describes; returns NAME=VALUE cookies.</summary>
    private static async Task<List<string>> SignInAsync(HttpClient http, string user, CancellationToken ct)
    {
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        void Keep(HttpResponseMessage response)
        {
            foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = set.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }
        }

        using var login = await http.GetAsync("/account/login", ct);
        Keep(login);
        var token = TokenInput().Match(await login.Content.ReadAsStringAsync(ct)).Groups["token"].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/dev-login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["user"] = user, ["returnUrl"] = "/" }),
        };
        request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
        using var signedIn = await http.SendAsync(request, ct);
        Keep(signedIn);
        return signedIn.StatusCode == HttpStatusCode.Redirect && jar.Keys.Any(k => k.Contains("auth", StringComparison.Ordinal))
            ? [.. jar.Select(c => $"{c.Key}={c.Value}")]
            : throw new InvalidOperationException($"Signing in as {user} failed: {(int)signedIn.StatusCode}.");
    }

    private static async Task<(int Code, string Output)> RunClientAsync(List<string> arguments, TextWriter progress, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("circuit-load did not start.");
        process.ErrorDataReceived += (_, e) => Log(progress, e.Data is null ? null : "[client] " + e.Data);
        process.BeginErrorReadLine();
        var stdout = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, stdout);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Dashboard.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenInput();

    /// <summary>A loopback endpoint that, on GET, logs an interaction through the API: one real save per broadcast round.</summary>
    private sealed class TriggerServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<double> _times = [];
        private readonly Task _serving;

        public TriggerServer(HttpClient api, string key, Guid card)
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _serving = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception) when (!_listener.IsListening)
                    {
                        return;
                    }
                    catch (HttpListenerException)
                    {
                        return;
                    }

                    var started = Stopwatch.GetTimestamp();
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cards/{card}/interactions")
                    {
                        Content = JsonContent.Create(new { kind = "Call", summary = "Live benchmark call" }),
                    };
                    request.Headers.Add("X-Api-Key", key);
                    using var response = await api.SendAsync(request);
                    lock (_times)
                    {
                        _times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }

                    context.Response.StatusCode = (int)response.StatusCode;
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public int Saves
        {
            get
            {
                lock (_times)
                {
                    return _times.Count;
                }
            }
        }

        public double MedianMilliseconds
        {
            get
            {
                lock (_times)
                {
                    return _times.Count == 0 ? 0 : new Timing(_times).Median;
                }
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _ = _serving;
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
