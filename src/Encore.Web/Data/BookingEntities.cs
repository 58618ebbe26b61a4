namespace Encore.Web.Data;

public enum BookingStatus { Booked, Assigned, Arrived, Lapsed, Cancelled, Completed }

public enum ApprovalStatus { Pending, Granted, Denied, Used }
