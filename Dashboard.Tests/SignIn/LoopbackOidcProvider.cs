using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.SignIn;

/// <summary>
/// The Node OpenID Connect provider of Dashboard.Tests/OidcProvider (npm oidc-provider), run as a child process on
/// 127.0.0.1 and shaped like an Entra tenant. It installs its npm packages on first use (npm ci when node_modules is
/// missing or older than package-lock.json), and is stopped by its process id.
/// </summary>
public sealed class LoopbackOidcProvider : IDisposable
{
    public const string TenantId = "7d4c5a8e-9f21-4b3c-8e6d-2a1b0c9d8e7f";
    public const string ClientId = "3f2e1d0c-b9a8-4765-9432-10fedcba9876";
    public const string ClientSecret = "loopback-test-secret-not-for-production";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private LoopbackOidcProvider(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>As AzureAd:Instance would name it: the provider's root with a trailing slash.</summary>
    public string Instance => $"http://127.0.0.1:{Port}/";

    public string Issuer => $"{Instance}{TenantId}/v2.0";

    /// <summary>The process id, for the test output.</summary>
    public int ProcessId => _process.Id;

    /// <summary>A free loopback port for the provider; chosen first because the issuer names it and the app is configured with it.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Installs the packages if needed and starts the provider on <paramref name="port"/> for the app at <paramref name="appAddress"/>.</summary>
    public static async Task<LoopbackOidcProvider> StartAsync(int port, Uri appAddress, Action<string> log)
    {
        var directory = ProviderDirectory();
        await EnsurePackagesAsync(directory, log);

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("server.mjs");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--app");
        start.ArgumentList.Add(appAddress.GetLeftPart(UriPartial.Authority));
        start.ArgumentList.Add("--tenant");
        start.ArgumentList.Add(TenantId);
        start.Environment["CLIENT_ID"] = ClientId;
        start.Environment["CLIENT_SECRET"] = ClientSecret;

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            log($"[oidc-provider] {e.Data}");
            if (e.Data.StartsWith("listening ", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log($"[oidc-provider] {e.Data}");
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The OpenID Connect provider exited with code {process.ExitCode} before listening."));

        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start node for the OpenID Connect provider.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var provider = new LoopbackOidcProvider(process, port);
        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return provider;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static string ProviderDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("Dashboard.sln not found above the test binaries.")
            : Path.Combine(directory.FullName, "Dashboard.Tests", "OidcProvider");
    }

    /// <summary>npm ci when node_modules is missing or older than the lock file (npm writes node_modules/.package-lock.json on install).</summary>
    private static async Task EnsurePackagesAsync(string directory, Action<string> log)
    {
        var lockFile = Path.Combine(directory, "package-lock.json");
        var installed = Path.Combine(directory, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile))
        {
            return;
        }

        log("Installing the OpenID Connect provider's npm packages (npm ci)...");
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--ignore-scripts" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm; the sign-in tests need Node.js and npm on the path.");
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"npm ci in {directory} did not finish within {InstallTimeout.TotalMinutes} minutes.");
        }

        log(await output);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {directory} failed ({npm.ExitCode}): {await errors}");
        }
    }
}
