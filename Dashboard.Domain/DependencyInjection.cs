using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.ReferenceData;
using Dashboard.Domain.Tiers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain;

/// <summary>Registers the domain services and the database.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddDashboardDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>()
            .Bind(configuration.GetSection(DashboardOptions.SectionName))
            .Validate(o => PhoneNumber.IsKnownRegion(o.DefaultPhoneRegion), "Dashboard:DefaultPhoneRegion must be an ISO 3166 region code such as CN, US or GB.")
            .ValidateOnStart();

        services.AddOptions<Import.ImportOptions>()
            .Configure(o => o.MaxBytes = configuration.GetValue<long?>($"{DashboardOptions.SectionName}:ImportMaxBytes") ?? o.MaxBytes)
            .Validate(o => o.MaxBytes > 0, "Dashboard:ImportMaxBytes must be a positive number of bytes.")
            .ValidateOnStart();

        services.AddDbContextFactory<DashboardDbContext>((provider, options) =>
        {
            var path = provider.GetRequiredService<IOptions<DashboardOptions>>().Value.ResolveDatabasePath();
            var connection = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true, DefaultTimeout = 30 };
            options.UseSqlite(connection.ToString()).AddInterceptors(provider.GetRequiredService<Audit.AuditChainInterceptor>(), SqliteSessionPragmas.Instance);
        });

        // Secrets live outside the database: Dashboard:KeyRingPath, default <LocalApplicationData>/CustomerCardDashboard/keys.
        services.AddSingleton(new Security.KeyRing(Security.KeyRing.DefaultPath(configuration[$"{DashboardOptions.SectionName}:KeyRingPath"])));

        services.AddOptions<Webhooks.WebhookOptions>()
            .Bind(configuration.GetSection(Webhooks.WebhookOptions.SectionName))
            .Validate(o => !o.Problems().Any(), "Dashboard:Webhooks: BackoffBase, Timeout and PollInterval must be positive, BackoffMax at least BackoffBase, MaxAttempts 1 to 100 and BatchSize at least 1.")
            .Validate(o => Webhooks.WebhookDestinationPolicy.InvalidEntries(o.AllowedInternalHosts).Count == 0, "Dashboard:Webhooks:AllowedInternalHosts must list IP addresses, CIDR ranges (10.20.0.0/16) or host names, without scheme, port, path or wildcard.")
            .ValidateOnStart();

        services.AddOptions<AuditAnchorOptions>()
            .Bind(configuration.GetSection(AuditAnchorOptions.SectionName))
            .Validate(o => o.Interval > TimeSpan.Zero, "Dashboard:AuditAnchor:Interval must be a positive time span such as 00:05:00.")
            .ValidateOnStart();

        services.AddOptions<Backups.BackupOptions>()
            .Bind(configuration.GetSection(Backups.BackupOptions.SectionName))
            .Validate(o => o.Keep >= 1, "Dashboard:Backups:Keep must be at least 1.")
            .ValidateOnStart();

        return services.AddDashboardServices();
    }

    /// <summary>The services alone, for hosts (and tests) that register their own <see cref="DashboardDbContext"/> factory.</summary>
    public static IServiceCollection AddDashboardServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CardChangeNotifier>();
        services.AddOptions<DashboardOptions>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<CustomerCardService>();
        services.AddSingleton<CustomerCardQueries>();
        services.AddSingleton<CardRevealService>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<SignInAudit>();
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<ReferenceDataService>();
        services.AddSingleton<CustomFieldService>();
        services.AddSingleton<AuditTrailQueries>();
        // Contexts built without the application's settings seal with the default key ring (DashboardDbContext.OnConfiguring).
        services.TryAddSingleton(_ => Security.KeyRing.Default);
        services.TryAddSingleton(sp => new AuditChainInterceptor(sp.GetRequiredService<Security.KeyRing>()));
        services.AddOptions<AuditAnchorOptions>();
        services.AddSingleton<AuditAnchorStore>();
        services.AddSingleton<AuditChainVerifier>();
        services.AddSingleton(sp => new Security.FieldProtectionMaintenance(
            sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Security.FieldProtectionMaintenance>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Dashboards.Projection.PipelineStore>();
        services.AddSingleton<Dashboards.PipelineQueries>();
        services.AddSingleton<Dashboards.PipelineSqlQueries>();
        services.AddSingleton<DemoDataGenerator>();
        services.AddSingleton<TierService>();
        services.AddSingleton<TierQueries>();
        services.AddSingleton<Quality.QualityService>();
        services.AddSingleton<Quality.QualityQueries>();
        services.AddSingleton<Quality.QualitySnapshots>();
        services.AddSingleton<Quality.VerificationService>();
        services.AddSingleton<Duplicates.DuplicateScanner>();
        services.AddSingleton<Duplicates.DuplicateFinder>();
        services.AddSingleton<Duplicates.DuplicateQueue>();
        services.AddSingleton<Duplicates.MergeService>();
        services.AddSingleton<Import.CardImportService>();
        services.AddOptions<Import.ImportOptions>();
        services.AddSingleton<Import.ImportWorkflow>();
        services.AddSingleton<Duplicates.DuplicateAccuracy>();
        services.AddSingleton<Review.ReviewService>();
        services.AddSingleton<Review.NotificationService>();
        services.AddOptions<Webhooks.WebhookOptions>();
        services.TryAddSingleton<Webhooks.WebhookSignal>();
        services.AddSingleton<Webhooks.WebhookService>();
        services.AddSingleton<Webhooks.WebhookDeliveryQueue>();
        services.AddSingleton<Export.CardExportService>();
        services.AddSingleton<Integration.ApiKeys.ApiKeyService>();
        services.AddOptions<Backups.BackupOptions>();
        services.AddSingleton<Backups.BackupService>();
        return services;
    }
}
