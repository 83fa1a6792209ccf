using Dashboard.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Domain.Audit;

/// <summary>
/// The <c>verify-audit</c> command: brings the database up to date as a start would (sealing entries written before the
/// chain), verifies the chain, prints the result and answers 0 when intact, 1 when broken, 2 when it could not check.
/// </summary>
public static class AuditVerifyCommand
{
    public const string Name = "verify-audit";
    public const int Intact = 0;
    public const int Broken = 1;
    public const int Failed = 2;

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var report = await services.GetRequiredService<AuditChainVerifier>().VerifyFromCommandLineAsync(ct);
            await output.WriteLineAsync($"Audit chain {report.Describe()}");
            return report.IsIntact ? Intact : Broken;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await output.WriteLineAsync($"Audit chain could not be verified: {ex.GetType().Name}: {ex.Message}");
            return Failed;
        }
    }
}
