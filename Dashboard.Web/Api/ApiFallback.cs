using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace Dashboard.Web.Api;

/// <summary>Tells the API's catch-all address apart from a real endpoint that was passed over for its content type.</summary>
internal static class ApiFallback
{
    /// <summary>
    /// True when an API endpoint has this request's path and method and declares a body type the request did not send.
    /// Route constraints are not checked: a malformed id with a wrong body is told about the body first.
    /// </summary>
    public static bool IsWrongContentType(HttpContext http, EndpointDataSource endpoints)
    {
        var path = http.Request.Path;
        var method = http.Request.Method;
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (accepts is null || accepts.ContentTypes.Count == 0 || methods is null || !methods.Contains(method, StringComparer.OrdinalIgnoreCase)
                || endpoint.RoutePattern.RawText is not { } pattern || !pattern.StartsWith(DashboardApi.BasePath, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var matcher = new TemplateMatcher(TemplateParser.Parse(pattern), new RouteValueDictionary());
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                return true;
            }
        }

        return false;
    }
}
