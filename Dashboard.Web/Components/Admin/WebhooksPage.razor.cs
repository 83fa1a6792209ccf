using Dashboard.Domain.Common;
using Dashboard.Domain.Webhooks;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Admin;

/// <summary>
/// Webhook endpoints for Admins: register one (its secret shown once), pause or resume, send a test event,
/// rotate the secret and delete. Every command goes through <see cref="WebhookService"/>, which audits it.
/// </summary>
public sealed partial class WebhooksPage
{
    private IReadOnlyList<WebhookEndpointView> _endpoints = [];
    private WebhookEndpointDraft _draft = new();
    private IReadOnlyList<FieldError> _errors = [];
    private WebhookSecret? _secret;
    private bool _busy;

    [Inject]
    private WebhookService Webhooks { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() => _endpoints = await Webhooks.ListEndpointsAsync(await CurrentActor.GetAsync());

    private string? ErrorOf(string field) => L.ErrorFor(_errors, field);

    private void Toggle(WebhookEvents oneEvent, bool on) =>
        _draft.Events = on ? _draft.Events | oneEvent : _draft.Events & ~oneEvent;

    private async Task RegisterAsync()
    {
        var result = await RunAsync(actor => Webhooks.RegisterAsync(actor, _draft));
        _errors = result.Errors;
        if (result.Succeeded)
        {
            _secret = result.Value;
            _draft = new WebhookEndpointDraft();
            Snackbar.Add(L["Webhook endpoint registered."], Severity.Success);
        }
        else if (result.Errors.Count == 0)
        {
            Snackbar.Add(L.Message(result) ?? string.Empty, Severity.Warning);
        }
    }

    private async Task SetActiveAsync(WebhookEndpointView endpoint, bool active) =>
        Report(await RunAsync(actor => Webhooks.SetActiveAsync(actor, endpoint.Id, active)), active ? L["Webhook resumed."] : L["Webhook paused: new events are not queued for it."]);

    private async Task SendTestAsync(WebhookEndpointView endpoint) =>
        Report(await RunAsync(actor => Webhooks.SendTestAsync(actor, endpoint.Id)), L["Test event queued; see the delivery log for the answer."]);

    private async Task RotateAsync(WebhookEndpointView endpoint)
    {
        if (await Dialogs.ShowMessageBoxAsync(L["Rotate secret"], L["The receiver must get the new secret: deliveries from now on are signed with it."], L["Rotate secret"], cancelText: L["Cancel"]) != true)
        {
            return;
        }

        var result = await RunAsync(actor => Webhooks.RotateSecretAsync(actor, endpoint.Id));
        if (result.Succeeded)
        {
            _secret = result.Value;
        }

        Report(result, L["Secret rotated."]);
    }

    private async Task DeleteAsync(WebhookEndpointView endpoint)
    {
        if (await Dialogs.ShowMessageBoxAsync(L["Delete"], string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Delete the webhook to {0}? Deliveries still queued for it are cancelled."], endpoint.Url), L["Delete"], cancelText: L["Cancel"]) != true)
        {
            return;
        }

        Report(await RunAsync(actor => Webhooks.DeleteAsync(actor, endpoint.Id)), L["Webhook deleted."]);
    }

    private void Report(CommandResult result, string success) =>
        Snackbar.Add(result.Succeeded ? success : L.Message(result) ?? string.Empty, result.Succeeded ? Severity.Success : Severity.Warning);

    private async Task<T> RunAsync<T>(Func<Dashboard.Domain.Access.Actor, Task<T>> command)
    {
        _busy = true;
        try
        {
            var result = await command(await CurrentActor.GetAsync());
            await LoadAsync();
            return result;
        }
        finally
        {
            _busy = false;
        }
    }
}
