using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Domain.ReferenceData;
using Dashboard.Domain.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Persistence;

/// <summary>The application's database. Used only inside domain services, one instance per operation.</summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
{
    public DbSet<CustomerCard> Cards => Set<CustomerCard>();

    public DbSet<ContactPoint> ContactPoints => Set<ContactPoint>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    public DbSet<Purchase> Purchases => Set<Purchase>();

    public DbSet<Remark> Remarks => Set<Remark>();

    public DbSet<StageTransition> StageTransitions => Set<StageTransition>();

    public DbSet<ListItem> ListItems => Set<ListItem>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<CustomFieldDefinition> CustomFields => Set<CustomFieldDefinition>();

    public DbSet<CustomFieldValue> CustomFieldValues => Set<CustomFieldValue>();

    public DbSet<StaffMember> Staff => Set<StaffMember>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The pipeline projection, one row per card (<see cref="Dashboards.Projection.CardFacts"/>).</summary>
    public DbSet<Dashboards.Projection.CardFacts> CardFacts => Set<Dashboards.Projection.CardFacts>();

    public DbSet<TierPolicy> TierPolicies => Set<TierPolicy>();

    public DbSet<QualityPolicy> QualityPolicies => Set<QualityPolicy>();

    public DbSet<VerificationRecord> Verifications => Set<VerificationRecord>();

    public DbSet<QualitySnapshot> QualitySnapshots => Set<QualitySnapshot>();

    public DbSet<Duplicates.CardMatchKey> CardMatchKeys => Set<Duplicates.CardMatchKey>();

    public DbSet<Duplicates.DuplicateCandidate> DuplicateCandidates => Set<Duplicates.DuplicateCandidate>();

    public DbSet<Duplicates.MergeJournal> MergeJournals => Set<Duplicates.MergeJournal>();

    public DbSet<Integration.ApiKeys.ApiKey> ApiKeys => Set<Integration.ApiKeys.ApiKey>();

    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();

    /// <summary>
    /// The webhook outbox is written by every save that records a card event, whoever created the context. Every
    /// connection can seal audit entries: with the configured key ring when the host passed one, else the default ring.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        optionsBuilder.AddInterceptors(StoredTextGuard.Instance, Changes.CardEventDispatcher.Instance);
        var audit = optionsBuilder.Options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.Interceptors?.OfType<AuditChainInterceptor>().FirstOrDefault();
        if (audit is null)
        {
            audit = AuditChainInterceptor.Default;
            optionsBuilder.AddInterceptors(audit);
        }

        // Sensitive columns are encrypted with the same key ring that seals the audit trail; the model holds its
        // converters, so there is one model per key ring.
        _protector = Security.FieldProtector.For(audit.KeyRing);
        optionsBuilder.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, DashboardModelCacheKeyFactory>();
    }

    private Security.FieldProtector? _protector;

    /// <summary>Encrypts and hashes this context's sensitive columns (see <see cref="ProtectedColumns"/>).</summary>
    internal Security.FieldProtector Protector
    {
        get
        {
            if (_protector is null)
            {
                // Resolving a service runs OnConfiguring, which picks the key ring.
                _ = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>(this);
            }

            return _protector ?? throw new InvalidOperationException("The context has no key ring.");
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
        ProtectedColumns.Apply(modelBuilder, Protector);
        modelBuilder.HasDbFunction(typeof(SqliteFunctions).GetMethod(nameof(SqliteFunctions.JulianDay))!).HasName("julianday").IsBuiltIn();
        modelBuilder.HasDbFunction(typeof(SqliteFunctions).GetMethod(nameof(SqliteFunctions.Date))!).HasName("date").IsBuiltIn();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time zone type: every DateTime is UTC on the way in and marked UTC on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(30);
    }
}
