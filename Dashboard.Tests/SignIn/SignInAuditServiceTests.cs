using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.SignIn;

/// <summary>The audit trail an auditor reads after people sign in, sign out or are turned away.</summary>
public sealed class SignInAuditServiceTests : ServiceTest
{
    private static readonly SignInIdentity Mei = new("entra-oid-mei", "Mei Manager", "mei@contoso.test", new HashSet<Role> { Role.SalesManager });

    private SignInAudit SignIns => App.Services.GetRequiredService<SignInAudit>();

    [Fact]
    public async Task FirstSignIn_LinksTheStaffMember_AndTheAuditorSeesSignInAndSignOut()
    {
        var member = await SignIns.RecordSignedInAsync(Mei, "Entra ID", "203.0.113.7");
        await SignIns.RecordSignedOutAsync(Mei, "Entra ID", "203.0.113.7");

        var trail = await TrailAsync(Mei.ExternalId);

        Assert.Equal("Mei Manager", member.DisplayName);
        Assert.Equal([SignInAudit.SignedOutAction, SignInAudit.SignedInAction, "staff.linked"], trail.Select(e => e.Action));
        Assert.Equal("Signed in with Entra ID as SalesManager from 203.0.113.7", trail[1].Summary);
        Assert.Equal("Signed out of Entra ID from 203.0.113.7", trail[0].Summary);
        Assert.All(trail, e => Assert.Equal("Mei Manager", e.ActorName));
    }

    [Fact]
    public async Task RefusedSignIn_IsAuditedWithItsReason_AndCreatesNoStaffMember()
    {
        var nora = new SignInIdentity("entra-oid-nora", "Nora Norole", null, new HashSet<Role>());

        await SignIns.RecordRefusedAsync(nora, "Entra ID", "no app role assigned", null);

        var refused = Assert.Single(await TrailAsync(nora.ExternalId));
        Assert.Equal(SignInAudit.RefusedAction, refused.Action);
        Assert.Equal("Nora Norole", refused.ActorName);
        Assert.Equal("Sign-in with Entra ID refused: no app role assigned", refused.Summary);
        Assert.DoesNotContain(await App.Staff.ListVisibleAsync(Actors.Admin), s => s.DisplayName == "Nora Norole");
    }

    [Fact]
    public async Task AnIdentityLongerThanTheTrailKeeps_IsNotAccepted()
    {
        var tooLong = Mei with { ExternalId = new string('x', AuditEntry.EntityIdMaxLength + 1) };

        await Assert.ThrowsAsync<ArgumentException>(() => SignIns.RecordSignedInAsync(tooLong, "Entra ID", null));

        Assert.Empty(await TrailAsync(tooLong.ExternalId));
    }

    private async Task<IReadOnlyList<AuditEntryView>> TrailAsync(string externalId)
    {
        var result = await App.Audit.ListAsync(Actors.Auditor, externalId, page: 0, pageSize: 50);
        Assert.True(result.Succeeded, "An auditor reads the trail.");
        return result.Value!.Items;
    }
}
