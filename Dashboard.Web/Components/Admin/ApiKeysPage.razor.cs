using System.Globalization;
using Dashboard.Domain.Common;
using Dashboard.Domain.Integration.ApiKeys;
using Dashboard.Web.Api;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Web.Components.Admin;

/// <summary>
/// API keys for Admins: create one (name, role, team or a person it acts for, optional expiry), see the key once
/// with a copy button, and revoke keys after a confirmation. Everything goes through <see cref="ApiKeyService"/>.
/// </summary>
public sealed partial class ApiKeysPage
{
    private const string ApiDocsPath = DashboardApi.DocsPath + "/v1";
    private IReadOnlyList<ApiKeyView> _keys = [];
    private ApiKeyChoices _choices = new([], []);
    private ApiKeyDraft _draft = new();
    private IReadOnlyList<FieldError> _errors = [];
    private IssuedApiKey? _issued;
    private string? _message;
    private bool _busy;

    [Inject]
    private ApiKeyService Keys { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private DateTime? ExpiresOn => _draft.ExpiresOn?.ToDateTime(TimeOnly.MinValue);

    protected override async Task OnInitializedAsync()
    {
        var actor = await CurrentActor.GetAsync();
        _choices = await Keys.ListChoicesAsync(actor);
        _keys = await Keys.ListAsync(actor);
    }

    private string? ErrorOf(string field) => L.ErrorFor(_errors, field);

    private string StatusText(ApiKeyStatus status) => status switch
    {
        ApiKeyStatus.Active => L["Active"],
        ApiKeyStatus.Expired => L["Expired"],
        _ => L["Revoked"],
    };

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var actor = await CurrentActor.GetAsync();
            var result = await Keys.CreateAsync(actor, _draft);
            _errors = result.Errors;
            _message = result.Errors.Count == 0 ? L.Message(result) : null;
            if (result.Succeeded)
            {
                _issued = result.Value;
                _draft = new ApiKeyDraft();
                _keys = await Keys.ListAsync(actor);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _issued?.Key);
            Snackbar.Add(L["Key copied."], Severity.Success);
        }
        catch (JSException)
        {
            // Clipboard access can be refused (e.g. over plain HTTP); the key stays on screen to copy by hand.
            Snackbar.Add(L["Copying was refused by the browser; select the key and copy it by hand."], Severity.Warning);
        }
    }

    private async Task RevokeAsync(ApiKeyView key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Revoke API key"],
            string.Format(CultureInfo.CurrentCulture, L["Revoke {0} ({1})? Integrations using it stop working at once. This cannot be undone."], key.Prefix, key.Name),
            yesText: L["Revoke"], cancelText: L["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        var actor = await CurrentActor.GetAsync();
        var result = await Keys.RevokeAsync(actor, key.Id);
        _keys = await Keys.ListAsync(actor);
        _busy = false;
        Snackbar.Add(result.Succeeded ? string.Format(CultureInfo.CurrentCulture, L["Key {0} revoked."], key.Prefix) : L.Message(result) ?? string.Empty,
            result.Succeeded ? Severity.Success : Severity.Warning);
    }
}
