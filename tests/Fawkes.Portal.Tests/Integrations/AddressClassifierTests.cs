using System.Net;
using Fawkes.Portal.Integrations;

namespace Fawkes.Portal.Tests.Integrations;

public sealed class AddressClassifierTests
{
    [Theory]
    // IPv4 ranges
    [InlineData("0.1.2.3", "'this network'")]
    [InlineData("10.1.2.3", "private 10.0.0.0/8")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.254", "carrier-grade NAT")]
    [InlineData("127.0.0.1", "loopback 127.0.0.0/8")]
    [InlineData("169.254.169.254", "link-local 169.254.0.0/16")]
    [InlineData("172.16.0.1", "private 172.16.0.0/12")]
    [InlineData("172.31.255.255", "private 172.16.0.0/12")]
    [InlineData("192.168.1.1", "private 192.168.0.0/16")]
    [InlineData("192.0.0.170", "IETF protocol assignments")]
    [InlineData("224.0.0.251", "multicast 224.0.0.0/4")]
    [InlineData("239.255.255.250", "multicast 224.0.0.0/4")]
    [InlineData("255.255.255.255", "reserved 240.0.0.0/4")]
    // IPv6 ranges
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback ::1")]
    [InlineData("fc00::1", "unique local fc00::/7")]
    [InlineData("fd12:3456::1", "unique local fc00::/7")]
    [InlineData("fe80::1", "link-local fe80::/10")]
    [InlineData("febf::1", "link-local fe80::/10")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast ff00::/8")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo tunnel 2001::/32")]
    [InlineData("64:ff9b:1::a00:1", "local-use NAT64")]
    // IPv6 forms carrying a non-public IPv4 address
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped of 127.0.0.1 (loopback")]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped of 10.0.0.1 (private")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped of 169.254.169.254 (link-local")]
    [InlineData("64:ff9b::10.0.0.1", "NAT64 64:ff9b::/96 of 10.0.0.1 (private")]
    [InlineData("64:ff9b::7f00:1", "NAT64 64:ff9b::/96 of 127.0.0.1 (loopback")]
    [InlineData("64:ff9b::a9fe:a9fe", "NAT64 64:ff9b::/96 of 169.254.169.254 (link-local")]
    [InlineData("2002:a00:1::1", "6to4 2002::/16 of 10.0.0.1 (private")]
    [InlineData("2002:7f00:1::", "6to4 2002::/16 of 127.0.0.1 (loopback")]
    [InlineData("2002:c0a8:101::1", "6to4 2002::/16 of 192.168.1.1 (private")]
    [InlineData("::10.0.0.1", "IPv4-compatible ::/96")]
    public void Non_public_addresses_are_refused_with_their_range(string address, string range)
    {
        var found = AddressClassifier.NonPublicRange(IPAddress.Parse(address));

        Assert.NotNull(found);
        Assert.Contains(range, found, StringComparison.Ordinal);
        Assert.False(AddressClassifier.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("140.82.112.3")] // github.com
    [InlineData("185.199.108.133")] // raw.githubusercontent.com
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")] // just past 172.16.0.0/12
    [InlineData("172.15.255.255")] // just before it
    [InlineData("100.63.255.255")] // just before CGNAT
    [InlineData("100.128.0.1")] // just past CGNAT
    [InlineData("169.255.0.1")]
    [InlineData("223.255.255.255")] // last unicast before multicast
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:82a::200e")]
    [InlineData("::ffff:140.82.112.3")] // IPv4-mapped public
    [InlineData("64:ff9b::8c52:7003")] // NAT64 of 140.82.112.3: how an IPv6-only cluster reaches GitHub through DNS64
    [InlineData("2002:8c52:7003::1")] // 6to4 of a public address
    public void Public_addresses_are_allowed(string address) =>
        Assert.Null(AddressClassifier.NonPublicRange(IPAddress.Parse(address)));
}
