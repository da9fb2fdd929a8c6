import DocketKit
print("docket")
