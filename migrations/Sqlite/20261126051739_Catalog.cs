using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_entities",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    RefKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Namespace = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", nullable: true),
                    Lifecycle = table.Column<string>(type: "TEXT", nullable: true),
                    Owner = table.Column<string>(type: "TEXT", nullable: true),
                    System = table.Column<string>(type: "TEXT", nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Etag = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentRef = table.Column<string>(type: "TEXT", nullable: true),
                    Orphan = table.Column<bool>(type: "INTEGER", nullable: false),
                    StatusJson = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_entities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_locations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorsJson = table.Column<string>(type: "TEXT", nullable: true),
                    EntityCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_locations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_relations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OriginEntityId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TargetKey = table.Column<string>(type: "TEXT", nullable: false),
                    TargetRef = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_relations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_search",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true),
                    OriginalValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_search", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_stars",
                columns: table => new
                {
                    UserLogin = table.Column<string>(type: "TEXT", nullable: false),
                    RefKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_stars", x => new { x.UserLogin, x.RefKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_entities_Kind_Name",
                table: "catalog_entities",
                columns: new[] { "Kind", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_entities_LocationId",
                table: "catalog_entities",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_entities_RefKey",
                table: "catalog_entities",
                column: "RefKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalog_locations_Type_Target",
                table: "catalog_locations",
                columns: new[] { "Type", "Target" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalog_relations_OriginEntityId",
                table: "catalog_relations",
                column: "OriginEntityId");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_relations_SourceKey",
                table: "catalog_relations",
                column: "SourceKey");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_relations_TargetKey",
                table: "catalog_relations",
                column: "TargetKey");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_search_EntityId",
                table: "catalog_search",
                column: "EntityId");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_search_Key_Value",
                table: "catalog_search",
                columns: new[] { "Key", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_entities");

            migrationBuilder.DropTable(
                name: "catalog_locations");

            migrationBuilder.DropTable(
                name: "catalog_relations");

            migrationBuilder.DropTable(
                name: "catalog_search");

            migrationBuilder.DropTable(
                name: "catalog_stars");
        }
    }
}
