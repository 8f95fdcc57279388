using System.Net;
using System.Net.Sockets;

namespace Fawkes.Portal.Integrations;

/// <summary>
/// Which addresses are not the public internet: loopback, private, link-local, CGNAT, multicast, reserved, and the IPv6
/// forms that carry such an IPv4 address inside them (IPv4-mapped, IPv4-compatible, NAT64, 6to4) or tunnel to one
/// (Teredo). An outbound guard refuses these, so a URL cannot reach the cluster, the node or a cloud metadata service.
/// </summary>
public static class AddressClassifier
{
    private static readonly (IPNetwork Network, string Name)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "'this network' 0.0.0.0/8"),
        (IPNetwork.Parse("10.0.0.0/8"), "private 10.0.0.0/8"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT 100.64.0.0/10"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback 127.0.0.0/8"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local 169.254.0.0/16"),
        (IPNetwork.Parse("172.16.0.0/12"), "private 172.16.0.0/12"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments 192.0.0.0/24"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation 192.0.2.0/24"),
        (IPNetwork.Parse("192.168.0.0/16"), "private 192.168.0.0/16"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking 198.18.0.0/15"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation 198.51.100.0/24"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation 203.0.113.0/24"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast 224.0.0.0/4"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved 240.0.0.0/4 (and broadcast)"),
    ];

    private static readonly (IPNetwork Network, string Name)[] V6 =
    [
        (IPNetwork.Parse("::/128"), "unspecified ::"),
        (IPNetwork.Parse("::1/128"), "loopback ::1"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64 64:ff9b:1::/48"),
        (IPNetwork.Parse("100::/64"), "discard-only 100::/64"),
        (IPNetwork.Parse("2001::/32"), "Teredo tunnel 2001::/32"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation 2001:db8::/32"),
        (IPNetwork.Parse("fc00::/7"), "unique local fc00::/7"),
        (IPNetwork.Parse("fe80::/10"), "link-local fe80::/10"),
        (IPNetwork.Parse("fec0::/10"), "site-local fec0::/10"),
        (IPNetwork.Parse("ff00::/8"), "multicast ff00::/8"),
    ];

    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>The non-public range <paramref name="address"/> lies in, named for an error message; null when public.</summary>
    /// <remarks>
    /// NAT64's well-known prefix (64:ff9b::/96) and 6to4 (2002::/16) are judged by the IPv4 address they embed: an
    /// IPv6-only cluster reaches github.com through DNS64 as 64:ff9b::140.82.x.x, which must keep working.
    /// </remarks>
    public static string? NonPublicRange(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return V4.FirstOrDefault(r => r.Network.Contains(address)).Name;
        }
        var bytes = address.GetAddressBytes();
        // IPNetwork.Contains does not match ::ffff:a.b.c.d against ::ffff:0:0/96, hence the property.
        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded("IPv4-mapped", bytes[12..16]);
        }
        if (Nat64.Contains(address))
        {
            return Embedded("NAT64 64:ff9b::/96", bytes[12..16]);
        }
        if (SixToFour.Contains(address))
        {
            return Embedded("6to4 2002::/16", bytes[2..6]);
        }
        if (V6.FirstOrDefault(r => r.Network.Contains(address)).Name is { } name)
        {
            return name;
        }
        // ::a.b.c.d (IPv4-compatible, deprecated): nothing public lives there.
        return Compatible.Contains(address) ? "IPv4-compatible ::/96" : null;
    }

    public static bool IsPublic(IPAddress address) => NonPublicRange(address) is null;

    private static string? Embedded(string form, byte[] v4) =>
        NonPublicRange(new IPAddress(v4)) is { } inner ? $"{form} of {new IPAddress(v4)} ({inner})" : null;
}
