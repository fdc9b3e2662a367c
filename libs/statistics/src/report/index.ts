export * from './monthly-report';
export * from './monthly-report-pdf';
export * from './monthly-report-xlsx';
export * from './report-tables';
