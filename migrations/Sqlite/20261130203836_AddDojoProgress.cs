using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDojoProgress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dojo_belt_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Login = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Belt = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Correct = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    ScorePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    MissedQuestionIds = table.Column<string>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dojo_belt_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dojo_lab_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Login = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ServiceRef = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    EvidenceJson = table.Column<string>(type: "TEXT", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dojo_lab_results", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dojo_parts_read",
                columns: table => new
                {
                    Login = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Part = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dojo_parts_read", x => new { x.Login, x.ModuleId, x.Part });
                });

            migrationBuilder.CreateTable(
                name: "dojo_quiz_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Login = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Correct = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    ScorePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    MissedQuestionIds = table.Column<string>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dojo_quiz_attempts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dojo_belt_attempts_Login_Belt",
                table: "dojo_belt_attempts",
                columns: new[] { "Login", "Belt" });

            migrationBuilder.CreateIndex(
                name: "IX_dojo_lab_results_Login_ModuleId",
                table: "dojo_lab_results",
                columns: new[] { "Login", "ModuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_dojo_quiz_attempts_Login_ModuleId",
                table: "dojo_quiz_attempts",
                columns: new[] { "Login", "ModuleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dojo_belt_attempts");

            migrationBuilder.DropTable(
                name: "dojo_lab_results");

            migrationBuilder.DropTable(
                name: "dojo_parts_read");

            migrationBuilder.DropTable(
                name: "dojo_quiz_attempts");
        }
    }
}
