using System.Linq.Expressions;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// Turns a <see cref="FilterPredicate"/> into one SQL condition over the same building blocks as
/// <see cref="FilterTranslator"/>: entity columns for the column keys, <c>EXISTS</c> over the relations table for
/// <c>relations.*</c> and over the search rows for every other key, combined with AND/OR/NOT as Backstage's
/// applyPredicateEntityFilterToQuery does (<c>$exists: false</c> is <c>NOT EXISTS</c>; an empty <c>$any</c> matches nothing).
/// </summary>
internal static class PredicateTranslator
{
    public static IQueryable<EntityRecord> Apply(PortalDbContext db, IQueryable<EntityRecord> source, FilterPredicate? predicate)
    {
        if (predicate is null)
        {
            return source;
        }
        var e = Expression.Parameter(typeof(EntityRecord), "e");
        return source.Where(Expression.Lambda<Func<EntityRecord, bool>>(Body(db, predicate, e), e));
    }

    private static Expression Body(PortalDbContext db, FilterPredicate predicate, ParameterExpression e) => predicate switch
    {
        AllPredicate all => Combine(all.Items.Select(p => Body(db, p, e)), Expression.AndAlso, true),
        AnyPredicate any => Combine(any.Items.Select(p => Body(db, p, e)), Expression.OrElse, false),
        NotPredicate not => Expression.Not(Body(db, not.Inner, e)),
        FieldsPredicate fields => Combine(fields.Fields.Select(f => Field(db, f, e)), Expression.AndAlso, true),
        _ => throw new InvalidOperationException($"Unknown predicate {predicate.GetType().Name}"),
    };

    private static Expression Combine(IEnumerable<Expression> parts, Func<Expression, Expression, BinaryExpression> join, bool empty) =>
        parts.Aggregate((Expression?)null, (acc, part) => acc is null ? part : join(acc, part)) ?? Expression.Constant(empty);

    private static Expression Field(PortalDbContext db, FieldCondition condition, ParameterExpression e)
    {
        var matches = Matches(db, condition);
        var body = new Rebind(matches.Parameters[0], e).Visit(matches.Body);
        return condition.Exists ? body : Expression.Not(body);
    }

    /// <summary>The condition as Backstage's search-row subquery would state it (for <c>$exists: false</c>, its negation).</summary>
    private static Expression<Func<EntityRecord, bool>> Matches(PortalDbContext db, FieldCondition c)
    {
        var values = c.Values;
        var single = values.Count > 0 ? values[0] : "";
        var prefix = LikePrefix(single);
        if (c.Key.StartsWith("relations.", StringComparison.Ordinal))
        {
            var type = c.Key["relations.".Length..];
            var relations = db.Set<RelationRecord>();
            return c.Operator switch
            {
                FieldOperator.Exists => e => relations.Any(r => r.SourceKey == e.RefKey && r.Type.ToLower() == type),
                FieldOperator.HasPrefix => e => relations.Any(r => r.SourceKey == e.RefKey && r.Type.ToLower() == type && EF.Functions.Like(r.TargetKey, prefix, "\\")),
                _ => e => relations.Any(r => r.SourceKey == e.RefKey && r.Type.ToLower() == type && values.Contains(r.TargetKey)),
            };
        }
        if (SearchIndexer.IsColumnKey(c.Key))
        {
            return Column(c, ColumnOf(c.Key), values, prefix);
        }
        var search = db.Set<SearchRecord>();
        var key = c.Key;
        return c.Operator switch
        {
            FieldOperator.Exists => e => search.Any(s => s.EntityId == e.Id && s.Key == key),
            FieldOperator.HasPrefix => e => search.Any(s => s.EntityId == e.Id && s.Key == key && EF.Functions.Like(s.Value!, prefix, "\\")),
            FieldOperator.Equals => e => search.Any(s => s.EntityId == e.Id && s.Key == key && s.Value == single),
            _ => e => search.Any(s => s.EntityId == e.Id && s.Key == key && values.Contains(s.Value!)),
        };
    }

    private static Expression<Func<EntityRecord, bool>> Column(FieldCondition c, Expression<Func<EntityRecord, string?>> column, IReadOnlyList<string> values, string prefix)
    {
        var e = column.Parameters[0];
        var value = column.Body;
        Expression body = c.Operator switch
        {
            FieldOperator.Exists => Expression.NotEqual(value, Expression.Constant(null, typeof(string))),
            FieldOperator.Equals => Expression.Equal(value, Captured(values[0])),
            FieldOperator.HasPrefix => Expression.AndAlso(
                Expression.NotEqual(value, Expression.Constant(null, typeof(string))),
                Expression.Call(typeof(DbFunctionsExtensions), nameof(DbFunctionsExtensions.Like), null,
                    Expression.Constant(EF.Functions), value, Captured(prefix), Expression.Constant("\\"))),
            _ => Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Captured(values.ToList()), value),
        };
        return Expression.Lambda<Func<EntityRecord, bool>>(body, e);
    }

    private static Expression<Func<EntityRecord, string?>> ColumnOf(string key) => key switch
    {
        "kind" => e => e.KindKey,
        "metadata.name" => e => e.NameKey,
        "metadata.namespace" => e => e.Namespace,
        "spec.type" => e => e.TypeKey,
        _ => e => e.LifecycleKey,
    };

    /// <summary>A value EF Core sends as a query parameter (a closure field), not inlined into the SQL text.</summary>
    private static MemberExpression Captured<T>(T value)
    {
        Expression<Func<T>> holder = () => value;
        return (MemberExpression)holder.Body;
    }

    /// <summary>Backstage's <c>$hasPrefix</c> pattern: <c>%</c>, <c>_</c> and backslash escaped, then <c>%</c>.</summary>
    private static string LikePrefix(string prefix) =>
        prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
