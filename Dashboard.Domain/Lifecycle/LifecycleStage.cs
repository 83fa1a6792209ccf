namespace Dashboard.Domain.Lifecycle;

/// <summary>Where a customer stands in its relationship with the company.</summary>
public enum LifecycleStage
{
    Prospect,
    New,
    Active,
    AtRisk,
    Churned,
}

/// <summary>The allowed moves between lifecycle stages (PRODUCT.md C2).</summary>
public static class LifecycleRules
{
    private static readonly Dictionary<LifecycleStage, LifecycleStage[]> Allowed = new()
    {
        [LifecycleStage.Prospect] = [LifecycleStage.New, LifecycleStage.Churned],
        [LifecycleStage.New] = [LifecycleStage.Active, LifecycleStage.AtRisk, LifecycleStage.Churned],
        [LifecycleStage.Active] = [LifecycleStage.AtRisk, LifecycleStage.Churned],
        [LifecycleStage.AtRisk] = [LifecycleStage.Active, LifecycleStage.Churned],
        [LifecycleStage.Churned] = [LifecycleStage.Active],
    };

    /// <summary>Funnel order, for sorting and charts.</summary>
    public static int Order(LifecycleStage stage) => (int)stage;

    public static IReadOnlyList<LifecycleStage> NextStages(LifecycleStage from) => Allowed[from];

    public static bool CanMove(LifecycleStage from, LifecycleStage to) => Allowed[from].Contains(to);

    /// <summary>A card can start as a prospect or as a new customer, never further along.</summary>
    public static bool IsValidInitial(LifecycleStage stage) => stage is LifecycleStage.Prospect or LifecycleStage.New;
}
