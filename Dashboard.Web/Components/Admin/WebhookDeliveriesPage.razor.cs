using Dashboard.Domain.Webhooks;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Admin;

/// <summary>
/// The webhook delivery log: every delivery with its status, attempts, last answer and next retry; each row opens
/// its attempts, and a failed delivery can be retried at once. Endpoint and status filters are kept in the URL.
/// </summary>
public sealed partial class WebhookDeliveriesPage
{
    private MudTable<WebhookDeliveryView>? _table;
    private IReadOnlyList<WebhookEndpointView> _endpoints = [];
    private IReadOnlyList<WebhookAttemptView> _attempts = [];
    private WebhookDeliveryStatus? _status;
    private Guid? _endpoint;
    private Guid? _open;
    private bool _busy;

    [Inject]
    private WebhookService Webhooks { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "status")]
    private string? StatusParameter { get; set; }

    [SupplyParameterFromQuery(Name = "endpoint")]
    private Guid? EndpointParameter { get; set; }

    protected override async Task OnInitializedAsync() => _endpoints = await Webhooks.ListEndpointsAsync(await CurrentActor.GetAsync());

    protected override async Task OnParametersSetAsync()
    {
        var status = Enum.TryParse<WebhookDeliveryStatus>(StatusParameter, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : (WebhookDeliveryStatus?)null;
        if (status != _status || EndpointParameter != _endpoint)
        {
            (_status, _endpoint) = (status, EndpointParameter);
            await ReloadAsync();
        }
    }

    private async Task<TableData<WebhookDeliveryView>> LoadAsync(TableState state, CancellationToken ct)
    {
        var page = await Webhooks.ListDeliveriesAsync(await CurrentActor.GetAsync(ct), new WebhookDeliveryFilter(_endpoint, _status), state.Page, state.PageSize, ct);
        return new TableData<WebhookDeliveryView> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private void OnStatusChanged(WebhookDeliveryStatus? status) => Navigate(status, _endpoint);

    private void OnEndpointChanged(Guid? endpoint) => Navigate(_status, endpoint);

    private void Navigate(WebhookDeliveryStatus? status, Guid? endpoint) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["status"] = status?.ToString(), ["endpoint"] = endpoint }), replace: true);

    private async Task ToggleAsync(WebhookDeliveryView delivery)
    {
        _open = _open == delivery.Id ? null : delivery.Id;
        _attempts = _open is null ? [] : await Webhooks.ListAttemptsAsync(await CurrentActor.GetAsync(), delivery.Id);
    }

    private async Task RetryAsync(WebhookDeliveryView delivery)
    {
        _busy = true;
        var result = await Webhooks.RetryNowAsync(await CurrentActor.GetAsync(), delivery.Id);
        _busy = false;
        Snackbar.Add(result.Succeeded ? L["Delivery queued again."] : L.Message(result) ?? string.Empty, result.Succeeded ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    private string StatusText(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => L["Queued"],
        WebhookDeliveryStatus.Delivered => L["Delivered"],
        WebhookDeliveryStatus.Failed => L["Failed"],
        _ => L["Cancelled"],
    };

    private static Color ColorOf(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Delivered => Color.Success,
        WebhookDeliveryStatus.Failed => Color.Error,
        WebhookDeliveryStatus.Pending => Color.Info,
        _ => Color.Default,
    };
}
