using Dashboard.Domain;
using Dashboard.Web;
using Dashboard.Web.Api;
using Dashboard.Web.Auth;
using Dashboard.Web.Backups;
using Dashboard.Web.Components;
using Dashboard.Web.Duplicates;
using Dashboard.Web.Export;
using Dashboard.Web.Security;
using Dashboard.Web.Webhooks;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
ListenAddress.UseDefaultWhenUnset(builder);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--demo-cards"] = $"{DashboardOptions.SectionName}:DemoCards" });
if (args is [RestoreBackupCommand.Name, .. var restoreArgs])
{
    // A maintenance command, run instead of the web host while the app is stopped.
    Environment.ExitCode = await RestoreBackupCommand.RunAsync(restoreArgs, builder.Configuration, Console.Out, Console.In);
    return;
}

builder.Services.AddDashboardDomain(builder.Configuration);
builder.Services.AddDashboardAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.Configure<DisplayOptions>(builder.Configuration.GetSection(DisplayOptions.SectionName));
builder.Services.AddMudServices();
builder.Services.AddHealthChecks();
builder.Services.AddHostedService<DemoDataSeeder>();
builder.Services.AddHostedService<Dashboard.Web.Tiers.TierRecomputeScheduler>();
builder.Services.AddHostedService<Dashboard.Web.Quality.QualityScheduler>();
builder.Services.AddDuplicateScan();
builder.Services.AddWebhookDelivery();
builder.Services.AddBackups();
builder.Services.AddHostedService<Dashboard.Web.Audit.AuditAnchorScheduler>();
builder.Services.AddHostedService<Dashboard.Web.Dashboards.PipelineWarmUp>();
builder.Services.AddHostedService<Dashboard.Web.Dashboards.ProjectionCheckScheduler>();
builder.Services.AddDashboardApi();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddDashboardSecurity(builder.Configuration, builder.Environment);

var app = builder.Build();

if (args is [Dashboard.Domain.Audit.AuditVerifyCommand.Name, ..])
{
    // Verifies the audit trail's hash chain instead of running the web host: exit code 0 intact, 1 broken, 2 error.
    Environment.ExitCode = await Dashboard.Domain.Audit.AuditVerifyCommand.RunAsync(app.Services, Console.Out);
    return;
}

if (args is [Dashboard.Domain.Dashboards.Projection.ProjectionCommands.Rebuild, ..])
{
    // Makes the pipeline projection again from the card tables: exit code 0 done, 2 error.
    Environment.ExitCode = await Dashboard.Domain.Dashboards.Projection.ProjectionCommands.RebuildAsync(app.Services, Console.Out);
    return;
}

if (args is [Dashboard.Domain.Dashboards.Projection.ProjectionCommands.Check, ..])
{
    // Compares the pipeline projection with the card tables: exit code 0 consistent, 1 drift, 2 error.
    Environment.ExitCode = await Dashboard.Domain.Dashboards.Projection.ProjectionCommands.CheckAsync(app.Services, Console.Out);
    return;
}

if (args is [Dashboard.Domain.Security.RotateFieldKeyCommand.Name, ..])
{
    // Adds a new field-encryption key and encrypts every stored phone, e-mail and address with it: exit code 0 done, 2 error.
    Environment.ExitCode = await Dashboard.Domain.Security.RotateFieldKeyCommand.RunAsync(app.Services, Console.Out);
    return;
}

// Migrations and what must hold before the first request; the planner's statistics follow in the background
// (PipelineWarmUp), so a large database starts in seconds.
var initializer = app.Services.GetRequiredService<Dashboard.Domain.Persistence.DatabaseInitializer>();
initializer.GatherStatisticsAtStart = false;
initializer.ProtectFieldsAtStart = false;
await initializer.InitializeAsync();

// Forwarded headers, the error page, HSTS and https redirection in Production, security headers (Security/SecuritySetup.cs).
app.UseDashboardTransportSecurity();

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization(options => options.SetDefaultCulture("en").AddSupportedCultures("en").AddSupportedUICultures("en"));
// Before authentication, which answers the OpenID Connect callback /signin-oidc itself (Auth/SignInRateLimit.cs).
app.UseSignInRateLimit(app.Configuration);
// Before the API's schemes check a key or token: an address with too many refused credentials is answered 429.
app.UseFailedApiAuthenticationLimit(app.Configuration);
app.UseAuthentication();
app.UseAuthorization();
// After authorisation, so that API calls are counted per API key (the API's schemes set HttpContext.User there).
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapAccountEndpoints(app.Services.GetRequiredService<SignInMode>().Kind);
app.MapDashboardApi();
app.MapExportEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

ListenAddress.LogWhenListening(app);
await app.RunAsync();

/// <summary>The web host's entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
