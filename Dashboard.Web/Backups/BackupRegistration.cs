namespace Dashboard.Web.Backups;

/// <summary>Registers the daily backup and the database lock the restore command checks.</summary>
public static class BackupRegistration
{
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddHostedService<DatabaseLockHolder>();
        services.AddHostedService<BackupScheduler>();
        return services;
    }
}
