using Dashboard.Web.Api.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Web.Api.OpenApi;

/// <summary>Names the API and documents how to authenticate: an API key header, and Entra ID bearer tokens when configured.</summary>
internal sealed class ApiDocumentTransformer(ApiAuthenticationSchemes schemes) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Customer Card Dashboard API";
        document.Info.Description =
            "Customer cards, interactions, purchases, verifications, duplicate candidates and imports. Every call runs as the caller's " +
            "role and team, with the same rules as the web app: contact details come masked for roles without the right, and writes " +
            "the role may not make are refused with 403. Errors are application/problem+json. A card's ETag is its version; PUT, " +
            "stage changes and verifications need it in If-Match (428 without it, 412 when the card changed since).";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A key an Admin created under Administration → API keys (ccd_…). It acts with the role and team chosen for it. " +
                "\"Authorization: ApiKey <key>\" works too.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] });
        if (schemes.AcceptsBearerTokens)
        {
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An Entra ID access token for this app (audience: its client id). The app roles in its \"roles\" claim " +
                    "(Admin, SalesManager, TeamLead, Sales, Finance, Auditor) decide what it may do; \"oid\" links it to a staff member.",
            };
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        }

        return Task.CompletedTask;
    }
}
