@proc:dbo.usp_RunNightlyKpis @lines:25-27 @output:range
Feature: The nightly date range: the @DaysBack days ending yesterday
  ToDate is RunDate - 1 day; FromDate is ToDate - (DaysBack - 1) days.

  Scenario: a week ending yesterday
    Given parameter @RunDate:date? = 2024-03-01
    And parameter @DaysBack:int? = 7
    When the section runs
    Then scalar @FromDate:date = 2024-02-23
    And scalar @ToDate:date = 2024-02-29

  Scenario: one day back is just yesterday, across a year boundary
    Given parameter @RunDate:date? = 2024-01-01
    And parameter @DaysBack:int? = 1
    When the section runs
    Then table range:
      | RunDate:date | FromDate:date | ToDate:date |
      | 2024-01-01   | 2023-12-31    | 2023-12-31  |
