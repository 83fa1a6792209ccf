using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Web.Api.OpenApi;

/// <summary>Marks an endpoint that writes a card only when If-Match names its current version.</summary>
public sealed class IfMatchRequired;

/// <summary>Documents the required If-Match header on the endpoints marked with <see cref="IfMatchRequired"/>.</summary>
internal sealed class IfMatchOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IfMatchRequired>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = true,
                Description = "The card's ETag from your last GET (e.g. \"7\"). 428 without it; 412 when the card changed since.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
