using System.Text.Json.Serialization;
using Dashboard.Web.Api.Authentication;
using Dashboard.Web.Api.Cards;
using Dashboard.Web.Api.Duplicates;
using Dashboard.Web.Api.Imports;
using Dashboard.Web.Api.OpenApi;
using Dashboard.Web.Api.ReferenceData;
using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;

namespace Dashboard.Web.Api;

/// <summary>
/// The REST API under <c>/api/v1</c> (PRODUCT.md C6), its OpenAPI document at <c>/openapi/v1.json</c> and a browsable
/// reference at <c>/api/docs</c>. Endpoints call the same domain services as the UI, as the caller's actor.
/// </summary>
public static class DashboardApi
{
    public const string BasePath = "/api/v1";
    public const string DocsPath = "/api/docs";

    public static IServiceCollection AddDashboardApi(this IServiceCollection services)
    {
        // Enum values travel as their names ("Active", "Call"), in requests, responses and the OpenAPI schemas.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<IfMatchOperationTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var schemes = app.ServiceProvider.GetRequiredService<ApiAuthenticationSchemes>();
        var api = app.MapGroup(BasePath)
            .RequireAuthorization(schemes.Policy)
            .WithMetadata(new DashboardApiMarker())
            .AddEndpointFilter(ApiRequestFilter);
        api.MapCardEndpoints();
        api.MapCardActivityEndpoints();
        api.MapDuplicateEndpoints();
        api.MapReferenceDataEndpoints();
        api.MapImportEndpoints();

        // Unknown API addresses answer in problem+json too, not with the app's "not found" page. Routing also lands here
        // when the address and method exist but the body is not JSON (the endpoints declare application/json): that
        // is a 415, not a 404.
        app.MapFallback($"{BasePath}/{{**path}}", (HttpContext http, EndpointDataSource endpoints) =>
                ApiFallback.IsWrongContentType(http, endpoints) ? ApiProblems.UnsupportedMediaType() : ApiProblems.NotFound())
            .AllowAnonymous().WithMetadata(new DashboardApiMarker()).ExcludeFromDescription();

        // The document and its reference page describe the API; they hold no data, so integrators and code generators
        // can read them without signing in. Calls made from the page need a key or token like any other.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(DocsPath, options => options
                .WithTitle("Customer Card Dashboard API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableTelemetry()
                .DisableMcp()
                .HideDeveloperTools())
            .AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Runs around every API handler: answers for parameters the framework could not read, keeps the app's HTML
    /// status and error pages off the API, and resolves the caller's actor (401 when the identity maps to no staff member).
    /// </summary>
    private static async ValueTask<object?> ApiRequestFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        if (http.Response.StatusCode == StatusCodes.Status400BadRequest)
        {
            return ApiProblems.BadRequest("A route or query value has the wrong format: a number, date, GUID, true/false, or one of the values the API documents.");
        }

        if (await ApiCaller.ResolveAsync(http) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required", detail: "The credentials name no member of staff.");
        }

        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The pages' error page is HTML; an API client gets problem+json and the details stay in the log.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardApi)).LogError(ex, "API request {Method} {Path} failed", http.Request.Method, http.Request.Path);
            return Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Unexpected error",
                detail: "The request failed unexpectedly and was logged. A change that failed this way is not saved; try again, and tell an Admin if it keeps failing.");
        }
    }
}
