namespace Dashboard.Domain.Quality;

/// <summary>
/// The quality rules as an Admin configured them: a single row, created with <see cref="QualityRuleSet.Default"/> by the
/// migration. Also remembers when every card was last scored with them.
/// </summary>
public sealed class QualityPolicy
{
    public const int SingletonId = 1;

    private QualityPolicy()
    {
        Individual = QualityRuleSet.Default.Individual;
        Company = QualityRuleSet.Default.Company;
        Sla = QualityRuleSet.Default.Sla;
        Weights = QualityRuleSet.Default.Weights;
    }

    public int Id { get; private set; }

    public FieldRequirements Individual { get; private set; }

    public FieldRequirements Company { get; private set; }

    public FreshnessSla Sla { get; private set; }

    public QualityWeights Weights { get; private set; }

    /// <summary>When a run over all cards last finished (UTC): every card's score was current then.</summary>
    public DateTime? LastRecomputedAt { get; private set; }

    public DateTime? UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    /// <summary>Optimistic concurrency token: goes up by one whenever an Admin changes the rules.</summary>
    public int Version { get; private set; }

    public QualityRuleSet Rules => new(Individual, Company, Sla, Weights);

    internal void Change(QualityRuleSet rules, Guid actorId, DateTime now)
    {
        Individual = rules.Individual;
        Company = rules.Company;
        Sla = rules.Sla;
        Weights = rules.Weights;
        UpdatedAt = now;
        UpdatedBy = actorId;
        Version++;
    }

    /// <summary>Never moves back, so a run that started earlier but finished later does not hide a newer one.</summary>
    internal void MarkRecomputed(DateTime at)
    {
        if (LastRecomputedAt is null || at > LastRecomputedAt)
        {
            LastRecomputedAt = at;
        }
    }
}
