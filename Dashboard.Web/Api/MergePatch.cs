using System.Text.Json.Nodes;

namespace Dashboard.Web.Api;

/// <summary>
/// JSON Merge Patch (RFC 7386): members of the patch replace the target's, <c>null</c> clears one, objects merge
/// member by member, and anything else (arrays included) replaces the target's value whole.
/// </summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject changes)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject original ? (JsonObject)original.DeepClone() : [];
        foreach (var (name, value) in changes)
        {
            var existing = result.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Key;
            if (value is null)
            {
                if (existing is not null)
                {
                    result[existing] = null;
                }

                continue;
            }

            var key = existing ?? name;
            result[key] = Apply(result[key], value);
        }

        return result;
    }
}
