using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Domain.Quality;

/// <summary>
/// The explanation stored with a card's score: each dimension's percentage (in <see cref="QualityDimension"/> order) and
/// the failing rules. Kept as compact JSON; filters and counts use the failure flags stored beside it instead.
/// </summary>
public sealed record QualityBreakdown(
    [property: JsonPropertyName("d")] IReadOnlyList<int> DimensionPercents,
    [property: JsonPropertyName("f")] IReadOnlyList<QualityFinding> Findings)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static QualityBreakdown Of(QualityAssessment assessment) =>
        new(assessment.Dimensions.Select(d => d.Percent).ToList(), assessment.Findings);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored breakdown; null or unreadable text gives an empty one.</summary>
    public static QualityBreakdown Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new QualityBreakdown([], []);
        }

        try
        {
            return JsonSerializer.Deserialize<QualityBreakdown>(json, Json) ?? new QualityBreakdown([], []);
        }
        catch (JsonException)
        {
            return new QualityBreakdown([], []);
        }
    }

    public int? PercentOf(QualityDimension dimension) => (int)dimension < DimensionPercents.Count ? DimensionPercents[(int)dimension] : null;
}
