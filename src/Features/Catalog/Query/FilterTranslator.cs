using System.Linq.Expressions;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>Turns an <see cref="EntityFilter"/> into SQL over the search and relations tables.</summary>
internal static class FilterTranslator
{
    public static IQueryable<EntityRecord> Apply(PortalDbContext db, IQueryable<EntityRecord> source, EntityFilter filter)
    {
        if (filter.IsEmpty)
        {
            return source;
        }
        if (filter.Groups.Count == 1)
        {
            return filter.Groups[0].Aggregate(source, (q, c) => Condition(db, q, c));
        }
        IQueryable<string>? ids = null;
        foreach (var group in filter.Groups)
        {
            var groupIds = group.Aggregate(db.Set<EntityRecord>().AsQueryable(), (q, c) => Condition(db, q, c)).Select(e => e.Id);
            ids = ids is null ? groupIds : ids.Union(groupIds);
        }
        return source.Where(e => ids!.Contains(e.Id));
    }

    private static IQueryable<EntityRecord> Condition(PortalDbContext db, IQueryable<EntityRecord> query, FilterCondition condition)
    {
        var values = condition.Values;
        if (condition.Key.StartsWith("relations.", StringComparison.Ordinal))
        {
            var type = condition.Key["relations.".Length..];
            var relations = db.Set<RelationRecord>();
            return values.Count == 0
                ? query.Where(e => relations.Any(r => r.SourceKey == e.RefKey && r.Type.ToLower() == type))
                : query.Where(e => relations.Any(r => r.SourceKey == e.RefKey && r.Type.ToLower() == type && values.Contains(r.TargetKey)));
        }
        // Keys with their own indexed column skip the search table. A single value is written as '=' (not '= ANY')
        // so PostgreSQL can walk the (KindKey, NameKey) index in order instead of filtering a name-ordered scan.
        var single = values.Count == 1 ? values[0] : null;
        switch (condition.Key)
        {
            case "kind":
                return values.Count == 0 ? query : single is not null ? query.Where(e => e.KindKey == single) : query.Where(e => values.Contains(e.KindKey));
            case "metadata.name":
                return values.Count == 0 ? query : single is not null ? query.Where(e => e.NameKey == single) : query.Where(e => values.Contains(e.NameKey));
            case "metadata.namespace":
                return values.Count == 0 ? query : single is not null ? query.Where(e => e.Namespace == single) : query.Where(e => values.Contains(e.Namespace));
            case "spec.type":
                return values.Count == 0 ? query.Where(e => e.TypeKey != null) : single is not null ? query.Where(e => e.TypeKey == single) : query.Where(e => values.Contains(e.TypeKey!));
            case "spec.lifecycle":
                return values.Count == 0 ? query.Where(e => e.LifecycleKey != null) : single is not null ? query.Where(e => e.LifecycleKey == single) : query.Where(e => values.Contains(e.LifecycleKey!));
        }
        var search = db.Set<SearchRecord>();
        var key = condition.Key;
        return values.Count == 0
            ? query.Where(e => search.Any(s => s.EntityId == e.Id && s.Key == key))
            : single is not null
                ? query.Where(e => search.Any(s => s.EntityId == e.Id && s.Key == key && s.Value == single))
                : query.Where(e => search.Any(s => s.EntityId == e.Id && s.Key == key && values.Contains(s.Value!)));
    }

    /// <summary>
    /// Backstage's full text (queryEntities): some value of one of these keys contains the lowercase term. As there,
    /// <c>%</c> and <c>_</c> in the term are wildcards; a backslash is literal. The condition holds only the parts for
    /// the keys asked for: an OR with an always-false part still made PostgreSQL plan (and run) the EXISTS on the search
    /// rows. <c>metadata.uid</c> (the default field without an order field) is the entity's Id, so it is matched there.
    /// </summary>
    public static IQueryable<EntityRecord> FullTextIn(PortalDbContext db, IQueryable<EntityRecord> query, string term, IReadOnlyList<string> fields)
    {
        var pattern = LikePattern(term);
        var keys = fields.Select(f => f.ToLowerInvariant()).Distinct().ToList();
        var parts = new List<Expression<Func<EntityRecord, bool>>>();
        foreach (var key in keys)
        {
            Expression<Func<EntityRecord, bool>>? part = key switch
            {
                "metadata.name" => e => EF.Functions.Like(e.NameKey, pattern, "\\"),
                "kind" => e => EF.Functions.Like(e.KindKey, pattern, "\\"),
                "metadata.namespace" => e => EF.Functions.Like(e.Namespace, pattern, "\\"),
                "spec.type" => e => e.TypeKey != null && EF.Functions.Like(e.TypeKey, pattern, "\\"),
                "spec.lifecycle" => e => e.LifecycleKey != null && EF.Functions.Like(e.LifecycleKey, pattern, "\\"),
                // Its search row holds the uid, which the writer sets to the entity's Id: a lowercase Guid string.
                "metadata.uid" => CouldMatchUid(term) ? e => EF.Functions.Like(e.Id, pattern, "\\") : null,
                _ => null,
            };
            if (part is not null)
            {
                parts.Add(part);
            }
        }
        var relationTypes = keys.Where(k => k.StartsWith("relations.", StringComparison.Ordinal)).Select(k => k["relations.".Length..]).ToList();
        if (relationTypes.Count > 0)
        {
            var relations = db.Set<RelationRecord>();
            parts.Add(e => relations.Any(r => r.SourceKey == e.RefKey && relationTypes.Contains(r.Type.ToLower()) && EF.Functions.Like(r.TargetKey, pattern, "\\")));
        }
        var searchKeys = keys.Where(k => !SearchIndexer.IsColumnKey(k) && k != "metadata.uid" && !k.StartsWith("relations.", StringComparison.Ordinal)).ToList();
        if (searchKeys.Count > 0)
        {
            var search = db.Set<SearchRecord>();
            var only = searchKeys[0];
            parts.Add(searchKeys.Count == 1
                ? e => search.Any(s => s.EntityId == e.Id && s.Key == only && EF.Functions.Like(s.Value!, pattern, "\\"))
                : e => search.Any(s => s.EntityId == e.Id && searchKeys.Contains(s.Key) && EF.Functions.Like(s.Value!, pattern, "\\")));
        }
        return parts.Count == 0 ? query.Where(e => false) : query.Where(AnyOf(parts));
    }

    /// <summary>
    /// Whether the term can be part of an entity's uid (<c>Guid.ToString()</c>: lowercase hex digits and dashes) once
    /// lowered, its <c>%</c> and <c>_</c> being wildcards. Terms with other characters (most words) skip the scan of
    /// every entity's Id.
    /// </summary>
    internal static bool CouldMatchUid(string term) =>
        term.ToLowerInvariant().All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or '-' or '%' or '_');

    /// <summary>The parts ORed into one lambda over the first part's parameter.</summary>
    private static Expression<Func<EntityRecord, bool>> AnyOf(List<Expression<Func<EntityRecord, bool>>> parts)
    {
        var parameter = parts[0].Parameters[0];
        var body = parts.Skip(1).Aggregate(parts[0].Body,
            (acc, p) => Expression.OrElse(acc, ReplacingExpressionVisitor.Replace(p.Parameters[0], parameter, p.Body)));
        return Expression.Lambda<Func<EntityRecord, bool>>(body, parameter);
    }

    /// <summary><c>%term%</c> lowercase, for LIKE with a backslash escape: only the backslash itself is escaped.</summary>
    public static string LikePattern(string term) => "%" + term.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal) + "%";

    /// <summary>Full text: a substring of the given fields' values, or (no fields) of name, title, description, kind, type and tags.</summary>
    public static IQueryable<EntityRecord> FullText(PortalDbContext db, IQueryable<EntityRecord> query, string? term, IReadOnlyList<string> fields)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return query;
        }
        var needle = term.Trim().ToLowerInvariant();
        // LIKE (not strpos) so PostgreSQL can use the trigram index on SearchText.
        var pattern = "%" + needle.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        if (fields.Count == 0)
        {
            return query.Where(e => EF.Functions.Like(e.SearchText, pattern, "\\"));
        }
        var keys = fields.Select(f => f.ToLowerInvariant()).ToList();
        // Column-backed keys are matched on their columns; the rest on the search table.
        bool name = keys.Contains("metadata.name"), kind = keys.Contains("kind"), ns = keys.Contains("metadata.namespace"),
            type = keys.Contains("spec.type"), lifecycle = keys.Contains("spec.lifecycle");
        var searchKeys = keys.Where(k => !SearchIndexer.IsColumnKey(k)).ToList();
        var search = db.Set<SearchRecord>();
        return query.Where(e =>
            (name && EF.Functions.Like(e.NameKey, pattern, "\\"))
            || (kind && EF.Functions.Like(e.KindKey, pattern, "\\"))
            || (ns && EF.Functions.Like(e.Namespace, pattern, "\\"))
            || (type && e.TypeKey != null && EF.Functions.Like(e.TypeKey, pattern, "\\"))
            || (lifecycle && e.LifecycleKey != null && EF.Functions.Like(e.LifecycleKey, pattern, "\\"))
            || search.Any(s => s.EntityId == e.Id && searchKeys.Contains(s.Key) && s.Value!.Contains(needle)));
    }
}
