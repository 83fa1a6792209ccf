using System.Net;
using Dashboard.Domain.Webhooks;

namespace Dashboard.Tests.Webhooks;

/// <summary>
/// Which addresses a webhook may call: public ones; internal ones only when the operator lists them; unspecified,
/// multicast, broadcast and cloud metadata addresses never. Embedded IPv4 forms count as the address they embed.
/// </summary>
public sealed class WebhookDestinationPolicyTests
{
    private static readonly WebhookDestinationPolicy Default = new([]);

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("100.127.255.254", "shared (carrier-grade NAT)")]
    [InlineData("169.254.1.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fe80::1%2", "link-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("192.0.0.8", "reserved")]
    [InlineData("2001::1", "reserved")]
    [InlineData("100::1", "reserved")]
    [InlineData("192.0.2.10", "documentation")]
    [InlineData("198.51.100.10", "documentation")]
    [InlineData("203.0.113.10", "documentation")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("169.254.170.2", "cloud metadata")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("100.100.100.200", "cloud metadata")]
    [InlineData("168.63.129.16", "cloud metadata")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "cloud metadata")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("::127.0.0.1", "loopback")]
    [InlineData("::169.254.169.254", "cloud metadata")]
    [InlineData("::8.8.8.8", "reserved")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("64:ff9b::a9fe:a9fe", "cloud metadata")]
    [InlineData("64:ff9b::c0a8:101", "private")]
    [InlineData("64:ff9b:1::a00:1", "reserved")]
    [InlineData("2002:7f00:1::1", "loopback")]
    [InlineData("2002:a9fe:a9fe::1", "cloud metadata")]
    public void AnInternalAddress_IsRefused_NamingItsRange(string address, string range)
    {
        var ip = IPAddress.Parse(address);

        var refusal = Default.CheckAddresses("receiver.example.com", [ip]);

        Assert.Equal(range, WebhookDestinationPolicy.RangeOf(ip));
        Assert.Equal(range, refusal?.Range);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void APublicAddress_IsAllowed(string address)
    {
        Assert.Null(WebhookDestinationPolicy.RangeOf(IPAddress.Parse(address)));
        Assert.Null(Default.CheckAddresses("receiver.example.com", [IPAddress.Parse(address)]));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("0x7F.0.0.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("017700000001")]
    [InlineData("127.1")]
    [InlineData("127.0.0.1.")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:7f00:1]")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("app.localhost")]
    [InlineData("localhost.localdomain")]
    public void AHostWrittenAsALoopbackAddressOrName_IsRefusedWithoutResolvingIt(string host)
    {
        Assert.Equal("loopback", Default.CheckHost(host)?.Range);
    }

    [Theory]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("[fd00:ec2::254]", "cloud metadata")]
    [InlineData("metadata.google.internal", "cloud metadata")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("[fe80::1%25eth0]", "link-local")]
    [InlineData("0", "unspecified")]
    public void AHostWrittenAsAnotherInternalAddress_IsRefused(string host, string range)
    {
        Assert.Equal(range, Default.CheckHost(host)?.Range);
    }

    [Theory]
    [InlineData("hooks.example.com")]
    [InlineData("intranet")]
    [InlineData("8.8.8.8")]
    public void APublicAddressOrAnyOtherName_PassesTheHostCheck_NamesAreCheckedWhenResolved(string host)
    {
        Assert.Null(Default.CheckHost(host));
    }

    [Fact]
    public void EveryResolvedAddress_MustBeAllowed()
    {
        var refusal = Default.CheckAddresses("mixed.example.com", [IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.0.0.1")]);

        Assert.Equal(("mixed.example.com", "private"), (refusal?.Host, refusal?.Range));
        Assert.Contains("mixed.example.com", refusal!.DeliveryMessage, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Webhooks:AllowedInternalHosts", refusal.DeliveryMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ListedAddressesRangesAndNames_MayBeCalled_AndNothingElseInternal()
    {
        var policy = new WebhookDestinationPolicy(["10.20.0.0/16", "192.168.1.7", " hooks.corp.example ", "localhost", "fd12::/16"]);

        Assert.Null(policy.CheckAddresses("a.example.com", [IPAddress.Parse("10.20.3.4")]));
        Assert.Null(policy.CheckAddresses("a.example.com", [IPAddress.Parse("::ffff:10.20.3.4")]));
        Assert.Null(policy.CheckAddresses("a.example.com", [IPAddress.Parse("192.168.1.7"), IPAddress.Parse("fd12::7")]));
        Assert.Equal("private", policy.CheckAddresses("a.example.com", [IPAddress.Parse("10.21.0.1")])?.Range);
        Assert.Equal("private", policy.CheckAddresses("a.example.com", [IPAddress.Parse("192.168.1.8")])?.Range);

        // A listed name may resolve to any internal address; other names may not.
        Assert.Null(policy.CheckAddresses("hooks.corp.example", [IPAddress.Parse("172.16.0.5")]));
        Assert.Null(policy.CheckAddresses("HOOKS.Corp.Example.", [IPAddress.Parse("172.16.0.5")]));
        Assert.Equal("private", policy.CheckAddresses("other.corp.example", [IPAddress.Parse("172.16.0.5")])?.Range);

        Assert.Null(policy.CheckHost("localhost"));
        Assert.Null(policy.CheckHost("10.20.0.1"));
        Assert.Equal("private", policy.CheckHost("10.30.0.1")?.Range);
        Assert.Equal("loopback", policy.CheckHost("app.localhost")?.Range);
    }

    [Fact]
    public void MetadataUnspecifiedMulticastAndBroadcastAddresses_AreRefusedEvenWhenListed()
    {
        var policy = new WebhookDestinationPolicy(["169.254.0.0/16", "0.0.0.0/8", "100.64.0.0/10", "fd00::/8", "224.0.0.0/4", "255.255.255.255", "metadata.google.internal", "rebound.example.com"]);

        Assert.Null(policy.CheckAddresses("a.example.com", [IPAddress.Parse("169.254.10.10")]));
        Assert.Null(policy.CheckAddresses("a.example.com", [IPAddress.Parse("100.64.0.1")]));
        foreach (var address in new[] { "169.254.169.254", "100.100.100.200", "fd00:ec2::254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::ffff:169.254.169.254" })
        {
            var refusal = policy.CheckAddresses("rebound.example.com", [IPAddress.Parse(address)]);
            Assert.False(refusal is null or { CanBeAllowed: true }, address);
        }

        Assert.NotNull(policy.CheckHost("metadata.google.internal"));
        Assert.DoesNotContain("AllowedInternalHosts", policy.CheckHost("169.254.169.254")!.RegistrationMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void EntriesThatAreNeitherAddressRangeNorHostName_AreReported()
    {
        var invalid = WebhookDestinationPolicy.InvalidEntries(["10.0.0.0/8", "::1", "hooks.corp.example", "10.0.0.0/33", "http://hooks.corp.example", "*.corp.example", "not a host", ""]);

        Assert.Equal(["10.0.0.0/33", "http://hooks.corp.example", "*.corp.example", "not a host", ""], invalid);
    }
}
