namespace Dashboard.Domain.DemoData;

/// <summary>What one run of <see cref="DemoDataGenerator"/> created, and how long it took.</summary>
public sealed record DemoDataReport(int Cards, int Interactions, int Purchases, int Remarks, TimeSpan Elapsed)
{
    public int ContactPoints { get; init; }

    public int StageTransitions { get; init; }

    /// <summary>Staff members (demo users and sales reps) created because they did not exist yet.</summary>
    public int StaffCreated { get; init; }

    /// <summary>Cards deliberately missing an e-mail, phone or industry.</summary>
    public int IncompleteCards { get; init; }

    /// <summary>Cards whose contact points were verified more than a year ago or never.</summary>
    public int StaleCards { get; init; }

    /// <summary>Cards that nearly duplicate an earlier one (same phone, or a slightly different name).</summary>
    public int NearDuplicateCards { get; init; }
}
