(1).missing
